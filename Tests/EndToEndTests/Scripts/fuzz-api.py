#!/usr/bin/env python3
"""Fuzzes inspectd's API from its own OpenAPI document with schemathesis.

schemathesis speaks TCP and the API listens on a Unix socket only, so this script
runs a loopback bridge (127.0.0.1, an ephemeral port, every connection piped to the
socket) for as long as schemathesis runs. Afterwards it asks GET /v1/status through
the socket itself: the daemon must still answer.

    fuzz-api.py SOCKET [schemathesis run options...]

The smoke test in CI (APIFuzzTests) runs a few examples per operation; by hand, run
longer, e.g.:

    Tests/EndToEndTests/Scripts/fuzz-api.py /tmp/demo/inspectd.sock --max-examples 500 --max-time 1800

Exit status: schemathesis's (0: no check failed), or 3 when the daemon no longer answers.
Only the check `not_a_server_error` runs by default: any 5xx is a failure.
"""
import http.client
import socket
import subprocess
import sys
import threading


def pipe(source, target):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def bridge(listener, path):
    while True:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            upstream.connect(path)
        except OSError:
            client.close()
            continue
        threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=10)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(10)
        self.sock.connect(self.path)


def status(path):
    try:
        connection = UnixHTTPConnection(path)
        connection.request("GET", "/v1/status")
        return connection.getresponse().status
    except OSError as error:
        return f"no answer ({error})"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path, options = sys.argv[1], sys.argv[2:]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    threading.Thread(target=bridge, args=(listener, path), daemon=True).start()

    if not any(option.startswith(("-c", "--checks")) for option in options):
        options = ["--checks", "not_a_server_error"] + options
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", f"http://127.0.0.1:{port}/v1/openapi.json",
        "--url", f"http://127.0.0.1:{port}", "--no-color", "--request-timeout", "10",
        # The shift-id pattern of /v1/roster/shifts/{id}/explain makes hypothesis discard
        # many candidates; that is a generator limit, not an API failure.
        "--suppress-health-check", "filter_too_much",
        # No example database left in the working directory.
        "--generation-database", ":memory:",
    ] + options
    print("fuzz-api:", " ".join(command), flush=True)
    result = subprocess.run(command)
    listener.close()

    answer = status(path)
    print(f"fuzz-api: after the run GET /v1/status answered {answer}", flush=True)
    if answer != 200:
        sys.exit(3)
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()

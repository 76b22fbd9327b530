import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why the CLI could not get an answer from the daemon.
public enum ClientError: Error, CustomStringConvertible {
    /// Nothing listens on the socket (or it cannot be opened).
    case unreachable(socket: String, reason: String)
    /// The daemon answered something that is not HTTP.
    case malformedResponse(String)

    public var description: String {
        switch self {
        case .unreachable(let socket, let reason):
            """
            cannot reach inspectd at \(socket): \(reason)
            Check that the daemon runs: systemctl status inspectd.socket inspectd.service
            (or pass --socket PATH / set INSPECTD_SOCKET, e.g. for `inspectd demo`).
            """
        case .malformedResponse(let detail): "the daemon's answer could not be read: \(detail)"
        }
    }
}

/// An HTTP response read from the daemon.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
}

/// A small blocking HTTP/1.1 client over a Unix stream socket: one request per
/// connection (`Connection: close`), which is all a command-line call needs.
public struct UnixSocketHTTPClient: Sendable {
    public var socketPath: String
    /// How long to wait for the daemon before giving up, in seconds.
    public var timeoutSeconds: Int = 120

    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    public func send(method: String, path: String, contentType: String? = nil, body: [UInt8] = []) throws(ClientError) -> HTTPResponse {
        let fd = try connectSocket()
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nUser-Agent: inspectctl\r\nAccept: application/json\r\nConnection: close\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        try writeAll(fd, Array(head.utf8) + body)
        let raw = try readAll(fd)
        return try Self.parse(raw)
    }

    private func connectSocket() throws(ClientError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard socketPath.utf8.count < capacity else {
            throw .unreachable(socket: socketPath, reason: "the path is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: socketPath.utf8)
            raw[socketPath.utf8.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .unreachable(socket: socketPath, reason: String(cString: strerror(errno))) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .unreachable(socket: socketPath, reason: reason)
        }
        return fd
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(ClientError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .unreachable(socket: socketPath, reason: "sending the request failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    private func readAll(_ fd: Int32) throws(ClientError) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreachable(socket: socketPath, reason: "reading the answer failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return result
    }

    static func parse(_ raw: [UInt8]) throws(ClientError) -> HTTPResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = raw.firstRange(of: separator) else {
            throw .malformedResponse(raw.isEmpty ? "the connection closed without an answer" : "no end of headers")
        }
        let headText = String(decoding: raw[..<end.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw .malformedResponse("bad status line")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(raw[end.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init) {
            guard length <= body.count else {
                throw .malformedResponse("the answer was cut short (\(body.count) of \(length) bytes); try again")
            }
            body = Array(body.prefix(length))
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}

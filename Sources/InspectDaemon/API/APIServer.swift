import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// Where the API listens: a socket systemd passed, or a path the daemon binds itself.
public enum APIListener: Sendable, Equatable {
    case adopted(fileDescriptor: Int32, name: String)
    case path(String, mode: UInt32)

    public var description: String {
        switch self {
        case .adopted(let fd, let name): "socket passed by systemd (fd \(fd), \(name))"
        case .path(let path, _): path
        }
    }
}

/// Why the API could not start listening.
public struct APIListenerError: Error, CustomStringConvertible {
    public var description: String
}

/// The local HTTP/1.1 + JSON API on a Unix socket: one `Service` whose whole
/// life is in ``run()``. Binding happens in ``bind(_:group:router:logger:)``,
/// before READY=1, so a failure stops start-up.
public struct APIServer: Service {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private let serverChannel: NIOAsyncChannel<Connection, Never>
    private let router: APIRouter
    private let logger: Logger
    private let listener: APIListener
    /// The largest request body accepted: ``RequestLimits/maximumBodyBytes`` (16 MiB, the
    /// largest import file).
    static let maximumBodySize = RequestLimits.maximumBodyBytes

    public static func bind(
        _ listener: APIListener, group: MultiThreadedEventLoopGroup, router: APIRouter, logger: Logger
    ) async throws -> APIServer {
        let bootstrap = ServerBootstrap(group: group).serverChannelOption(.backlog, value: 128)
        let initialize: @Sendable (Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                return try Connection(wrappingChannelSynchronously: channel)
            }
        }
        let channel: NIOAsyncChannel<Connection, Never>
        switch listener {
        case .adopted(let fd, _):
            channel = try await bootstrap.bind(fd, childChannelInitializer: initialize)
        case .path(let path, let mode):
            try removeStaleSocket(at: path)
            do {
                channel = try await bootstrap.bind(
                    unixDomainSocketPath: path, cleanupExistingSocketFile: false, childChannelInitializer: initialize
                )
            } catch {
                throw APIListenerError(description: "cannot listen on \(path): \(error); check that its directory exists and is writable")
            }
            guard chmod(path, mode_t(mode)) == 0 else {
                throw APIListenerError(description: "cannot set mode \(String(mode, radix: 8)) on \(path): \(String(cString: strerror(errno)))")
            }
        }
        return APIServer(serverChannel: channel, router: router, logger: logger, listener: listener)
    }

    /// A socket file left by a daemon that is gone is removed; one that still
    /// answers belongs to a running daemon and is an error.
    private static func removeStaleSocket(at path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw APIListenerError(description: "\(path) exists and is not a socket; move it away or set daemon.socket_path")
        }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard probe >= 0 else { return }
        defer { close(probe) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            throw APIListenerError(description: "socket path \(path) is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected == 0 {
            throw APIListenerError(description: "another inspectd is already serving \(path); stop it first (systemctl stop inspectd)")
        }
        unlink(path)
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await serverChannel.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            serverChannel.channel.close(promise: nil)
        }
        if case .path(let path, _) = listener { unlink(path) }
    }

    private func serve(_ connection: Connection) async {
        let peer = await Self.peerCredentials(of: connection.channel)
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body: [UInt8] = []
                var tooLarge = false
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body.removeAll(keepingCapacity: true)
                        tooLarge = false
                    case .body(let buffer):
                        if body.count + buffer.readableBytes > Self.maximumBodySize {
                            tooLarge = true
                        } else {
                            body.append(contentsOf: buffer.readableBytesView)
                        }
                    case .end:
                        guard let requestHead = head else { continue }
                        let response: APIResponse
                        if let peer {
                            let request = APIRequest(
                                method: requestHead.method.rawValue, target: requestHead.uri,
                                contentType: requestHead.headers.first(name: "content-type"), body: body, peer: peer
                            )
                            if tooLarge {
                                response = .problem(
                                    .init(code: .payloadTooLarge, detail: "the body is larger than the limit of \(Self.maximumBodySize) bytes"))
                            } else if let problem = RequestLimits.problem(with: request, target: requestHead.uri) {
                                response = .problem(problem)
                            } else {
                                response = await router.respond(to: request)
                            }
                        } else {
                            response = .problem(.init(code: .forbidden, detail: "the caller's credentials could not be read"))
                        }
                        let keepAlive = requestHead.isKeepAlive && !tooLarge
                        var headers = HTTPHeaders()
                        headers.add(name: "Content-Type", value: response.contentType)
                        headers.add(name: "Content-Length", value: String(response.body.count))
                        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
                        let status = HTTPResponseStatus(statusCode: response.status)
                        // Written on the channel itself so the last write's future says when
                        // every byte has reached the socket: closing before that would drop
                        // the rest of a large answer to a slow reader.
                        let channel = connection.channel
                        channel.write(HTTPServerResponsePart.head(HTTPResponseHead(version: requestHead.version, status: status, headers: headers)), promise: nil)
                        channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: response.body))), promise: nil)
                        try await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
                        if !keepAlive { return }
                        head = nil
                    }
                }
            }
        } catch {
            logger.debug("connection ended with an error", metadata: ["event": "api_connection_error", "error": "\(error)"])
        }
    }

    private static func peerCredentials(of channel: any Channel) async -> PeerCredentials? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        let future: EventLoopFuture<SocketPeerCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        )
        guard let credentials = try? await future.get() else { return nil }
        return PeerCredentials(
            pid: credentials.pid, uid: credentials.uid, gid: credentials.gid,
            groups: PeerCredentials.accountGroups(uid: credentials.uid, gid: credentials.gid)
        )
    }
}

/// The layout of Linux's `struct ucred` (`SO_PEERCRED`), which Glibc's module
/// does not export without `_GNU_SOURCE`.
struct SocketPeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

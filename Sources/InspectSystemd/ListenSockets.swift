import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Sockets passed by the service manager (socket activation, `sd_listen_fds(3)`).
public struct ListenSockets: Sendable {
    /// A passed file descriptor and the name given with `FileDescriptorName=`.
    public struct Socket: Sendable, Equatable {
        public var fileDescriptor: Int32
        public var name: String
    }

    /// The sockets passed to this process; empty when not socket-activated.
    /// Unsets `LISTEN_*` so child processes do not inherit them.
    public static func adopt() throws -> [Socket] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        let count = try SystemdError.check(sd_listen_fds_with_names(1, &names), "sd_listen_fds_with_names")
        defer {
            if let names {
                for index in 0..<Int(count) { free(names[index]) }
                free(names)
            }
        }
        return (0..<Int(count)).map { index in
            let name = names?[index].map { String(cString: $0) } ?? "unknown"
            return Socket(fileDescriptor: SD_LISTEN_FDS_START + Int32(index), name: name)
        }
    }

    /// Whether the descriptor is a listening `AF_UNIX` stream socket.
    public static func isUnixStreamListener(_ fileDescriptor: Int32) -> Bool {
        sd_is_socket_unix(fileDescriptor, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0
    }
}

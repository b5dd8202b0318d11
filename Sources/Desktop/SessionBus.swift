import FoundationEssentials
import Glibc

/// Method calls on the D-Bus session bus from this process, through libdbus-1 loaded with `dlopen` the
/// first time a call is made: the binary does not link libdbus, and a click that shows no notification
/// never loads it. Nothing goes through a command line, where any local user could read it with `ps`.
///
/// Only what a notification needs: strings, a `u32`, an `i32`, an empty string array and a dictionary
/// of one byte. The few C functions used are declared here, as libdbus's headers give them.
struct SessionBus {
    let address: String

    /// A method call's argument, in D-Bus's own types.
    enum Argument {
        case string(String)
        case uint32(UInt32)
        case int32(Int32)
        case emptyStringArray
        /// An `a{sv}` dictionary whose only entry holds a byte (the notification's urgency).
        case byteHint(key: String, value: UInt8)
    }

    struct Failure: Error, Equatable, CustomStringConvertible {
        let description: String
    }

    /// Calls `method` and waits for its reply until `deadline`; the reply's content is not needed.
    func call(
        destination: String, path: String, interface: String, method: String, _ arguments: [Argument] = [],
        deadline: Date
    ) throws(Failure) {
        guard let dbus = LibDBus.shared else { throw Failure(description: "libdbus-1 is not installed") }
        let error = DBusErrorBuffer(dbus)
        guard let connection = address.withCString({ dbus.openPrivate($0, error.pointer) }) else {
            throw Failure(description: error.message ?? "cannot connect to the session bus")
        }
        defer {
            dbus.close(connection)
            dbus.unrefConnection(connection)
        }
        // The bus answers nothing before Hello; libdbus's own dbus_bus_register would wait 25 s for it.
        try send(
            dbus, connection, destination: "org.freedesktop.DBus", path: "/org/freedesktop/DBus",
            interface: "org.freedesktop.DBus", method: "Hello", [], deadline: deadline)
        try send(
            dbus, connection, destination: destination, path: path, interface: interface, method: method, arguments,
            deadline: deadline)
    }

    private func send(
        _ dbus: LibDBus, _ connection: OpaquePointer, destination: String, path: String, interface: String,
        method: String, _ arguments: [Argument], deadline: Date
    ) throws(Failure) {
        guard let message = dbus.newMethodCall(destination, path, interface, method) else {
            throw Failure(description: "out of memory")
        }
        defer { dbus.unrefMessage(message) }
        let iterator = MessageIterator(dbus)
        dbus.initAppend(message, iterator.pointer)
        for argument in arguments { iterator.append(argument) }
        let error = DBusErrorBuffer(dbus)
        let milliseconds = Int32(clamping: max(1, Int(deadline.timeIntervalSinceNow * 1000)))
        guard let reply = dbus.sendWithReplyAndBlock(connection, message, milliseconds, error.pointer) else {
            if error.name == "org.freedesktop.DBus.Error.NoReply" {
                throw Failure(description: "\(destination) did not answer in time")
            }
            throw Failure(description: error.message ?? "no reply")
        }
        dbus.unrefMessage(reply)
    }
}

/// The functions of libdbus-1 that `SessionBus` uses, found with `dlsym`; their C types as in
/// `dbus/dbus-connection.h`, `dbus-message.h` and `dbus-errors.h`.
private struct LibDBus: @unchecked Sendable {
    typealias Object = OpaquePointer
    typealias Buffer = UnsafeMutableRawPointer
    typealias Text = UnsafePointer<CChar>
    typealias OpenPrivate = @convention(c) (Text, Buffer) -> Object?
    typealias Release = @convention(c) (Object) -> Void
    typealias NewMethodCall = @convention(c) (Text, Text, Text, Text) -> Object?
    typealias InitAppend = @convention(c) (Object, Buffer) -> Void
    typealias AppendBasic = @convention(c) (Buffer, Int32, UnsafeRawPointer) -> UInt32
    typealias OpenContainer = @convention(c) (Buffer, Int32, Text?, Buffer) -> UInt32
    typealias CloseContainer = @convention(c) (Buffer, Buffer) -> UInt32
    typealias SendWithReply = @convention(c) (Object, Object, Int32, Buffer) -> Object?
    typealias ErrorFunction = @convention(c) (Buffer) -> Void
    typealias ErrorIsSet = @convention(c) (Buffer) -> UInt32

    private let library: UnsafeMutableRawPointer

    var openPrivate: OpenPrivate { function("dbus_connection_open_private") }
    var close: Release { function("dbus_connection_close") }
    var unrefConnection: Release { function("dbus_connection_unref") }
    var unrefMessage: Release { function("dbus_message_unref") }
    var initAppend: InitAppend { function("dbus_message_iter_init_append") }
    var appendBasic: AppendBasic { function("dbus_message_iter_append_basic") }
    var openContainer: OpenContainer { function("dbus_message_iter_open_container") }
    var closeContainer: CloseContainer { function("dbus_message_iter_close_container") }
    var sendWithReplyAndBlock: SendWithReply { function("dbus_connection_send_with_reply_and_block") }
    var errorInit: ErrorFunction { function("dbus_error_init") }
    var errorFree: ErrorFunction { function("dbus_error_free") }
    var errorIsSet: ErrorIsSet { function("dbus_error_is_set") }

    /// Every function used, checked once at loading, so a call never meets a missing one.
    private static let names = [
        "dbus_connection_open_private", "dbus_connection_close", "dbus_connection_unref", "dbus_message_unref",
        "dbus_message_new_method_call", "dbus_message_iter_init_append", "dbus_message_iter_append_basic",
        "dbus_message_iter_open_container", "dbus_message_iter_close_container",
        "dbus_connection_send_with_reply_and_block", "dbus_error_init", "dbus_error_free", "dbus_error_is_set",
    ]

    /// Loaded at the first use, never before, and kept; nil when libdbus-1 is not installed.
    static let shared = LibDBus()

    private init?() {
        guard let library = dlopen("libdbus-1.so.3", RTLD_NOW | RTLD_LOCAL),
            Self.names.allSatisfy({ dlsym(library, $0) != nil })
        else { return nil }
        self.library = library
    }

    private func function<Function>(_ name: String) -> Function {
        unsafeBitCast(dlsym(library, name)!, to: Function.self)
    }

    func newMethodCall(_ destination: String, _ path: String, _ interface: String, _ method: String) -> Object? {
        destination.withCString { destination in
            path.withCString { path in
                interface.withCString { interface in
                    method.withCString {
                        (function("dbus_message_new_method_call") as NewMethodCall)(destination, path, interface, $0)
                    }
                }
            }
        }
    }
}

/// A `DBusError` (two strings and some flags; 64 bytes is more than its size), freed with its owner.
private final class DBusErrorBuffer {
    let pointer = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16)
    private let dbus: LibDBus

    init(_ dbus: LibDBus) {
        self.dbus = dbus
        dbus.errorInit(pointer)
    }

    deinit {
        dbus.errorFree(pointer)
        pointer.deallocate()
    }

    /// The error's name (its first field), such as `org.freedesktop.DBus.Error.NoReply`, when one is set.
    var name: String? { field(0) }

    /// The error's message (its second field), when one is set.
    var message: String? { field(1) }

    private func field(_ index: Int) -> String? {
        let offset = index * MemoryLayout<UnsafePointer<CChar>>.stride
        guard dbus.errorIsSet(pointer) != 0,
            let text = pointer.load(fromByteOffset: offset, as: UnsafePointer<CChar>?.self)
        else { return nil }
        return String(cString: text)
    }
}

/// A `DBusMessageIter` and the iterators of the containers opened below it (each well within 128 bytes).
private final class MessageIterator {
    let pointer: UnsafeMutableRawPointer
    private let dbus: LibDBus

    init(_ dbus: LibDBus) {
        self.dbus = dbus
        pointer = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 16)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
    }

    deinit { pointer.deallocate() }

    func append(_ argument: SessionBus.Argument) {
        switch argument {
        case .string(let text): appendString(text)
        case .uint32(let number):
            withUnsafeBytes(of: number) { _ = dbus.appendBasic(pointer, Self.type("u"), $0.baseAddress!) }
        case .int32(let number):
            withUnsafeBytes(of: number) { _ = dbus.appendBasic(pointer, Self.type("i"), $0.baseAddress!) }
        case .emptyStringArray:
            container("a", signature: "s") { _ in }
        case .byteHint(let key, let value):
            container("a", signature: "{sv}") { dictionary in
                dictionary.container("e", signature: nil) { entry in
                    entry.appendString(key)
                    entry.container("v", signature: "y") { variant in
                        withUnsafeBytes(of: value) {
                            _ = dbus.appendBasic(variant.pointer, Self.type("y"), $0.baseAddress!)
                        }
                    }
                }
            }
        }
    }

    /// libdbus takes a string as a pointer to its `char *`; a NUL would cut it short, so none is sent.
    private func appendString(_ text: String) {
        String(text.unicodeScalars.filter { $0 != "\0" }).withCString { characters in
            withUnsafePointer(to: characters) { _ = dbus.appendBasic(pointer, Self.type("s"), $0) }
        }
    }

    private func container(_ kind: Character, signature: String?, _ fill: (MessageIterator) -> Void) {
        let inner = MessageIterator(dbus)
        let opened =
            if let signature {
                signature.withCString { dbus.openContainer(pointer, Self.type(kind), $0, inner.pointer) }
            } else {
                dbus.openContainer(pointer, Self.type(kind), nil, inner.pointer)
            }
        guard opened != 0 else { return }
        fill(inner)
        _ = dbus.closeContainer(pointer, inner.pointer)
    }

    /// D-Bus type codes are the ASCII letters of its signatures.
    private static func type(_ code: Character) -> Int32 { Int32(code.asciiValue!) }
}

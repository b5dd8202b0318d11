import FoundationEssentials
import Glibc

/// Method calls and signals on a D-Bus bus from this process — the session bus for notifications, the system
/// bus for the session's language — through libdbus-1 loaded with
/// `dlopen` the first time a connection is opened: the binary does not link libdbus, and a click that shows
/// no notification never loads it. Nothing goes through a command line, where any local user could read it
/// with `ps`.
///
/// Only what a notification and AccountsService need: strings, string arrays, a `u32`, an `i32`, an `i64`, a
/// dictionary of hints; replies' strings, object paths, `u32`s and the value inside a variant.
/// The few C functions used are declared here, as libdbus's headers give them.
final class SessionBus {
    /// A method call's argument, in D-Bus's own types.
    enum Argument {
        case string(String)
        case uint32(UInt32)
        case int32(Int32)
        case int64(Int64)
        case stringArray([String])
        /// An `a{sv}` dictionary of hints, each a byte or a string.
        case hints([(key: String, value: Hint)])
    }

    enum Hint {
        case byte(UInt8)
        case string(String)
    }

    /// An argument of a reply or a signal, as far as puzzel-call reads them.
    enum Value: Equatable {
        case string(String)
        case objectPath(String)
        case uint32(UInt32)
        case other
    }

    /// A signal as received: who sent it, its interface, its name and its arguments.
    struct Signal: Equatable {
        /// The unique bus name (`:1.42`) of the connection that sent it, as the bus daemon stamps it: any
        /// client may emit any interface's signals, so this is the one field that tells who is speaking.
        let sender: String?
        let interface: String
        let member: String
        let arguments: [Value]
    }

    /// A method call's reply: the unique bus name of the connection that answered, and the arguments.
    struct Reply {
        let sender: String?
        let arguments: [Value]
    }

    struct Failure: Error, Equatable, CustomStringConvertible {
        let description: String
    }

    private let dbus: LibDBus
    private let connection: OpaquePointer

    /// Connects to the bus at `address` and says Hello, waiting until `deadline` at most.
    init(address: String, deadline: Date) throws(Failure) {
        guard let dbus = LibDBus.shared else { throw Failure(description: "libdbus-1 is not installed") }
        let error = DBusErrorBuffer(dbus)
        guard let connection = address.withCString({ dbus.openPrivate($0, error.pointer) }) else {
            throw Failure(description: error.message ?? "cannot connect to the session bus")
        }
        self.dbus = dbus
        self.connection = connection
        // The bus answers nothing before Hello; libdbus's own dbus_bus_register would wait 25 s for it.
        try call(
            destination: "org.freedesktop.DBus", path: "/org/freedesktop/DBus", interface: "org.freedesktop.DBus",
            method: "Hello", deadline: deadline)
    }

    deinit {
        dbus.close(connection)
        dbus.unrefConnection(connection)
    }

    /// Calls `method` and waits for its reply until `deadline`.
    @discardableResult
    func call(
        destination: String, path: String, interface: String, method: String, _ arguments: [Argument] = [],
        deadline: Date
    ) throws(Failure) -> Reply {
        guard let message = dbus.newMethodCall(destination, path, interface, method) else {
            throw Failure(description: "out of memory")
        }
        defer { dbus.unrefMessage(message) }
        let iterator = MessageIterator(dbus)
        dbus.initAppend(message, iterator.pointer)
        for argument in arguments { iterator.append(argument) }
        let error = DBusErrorBuffer(dbus)
        guard let reply = dbus.sendWithReplyAndBlock(connection, message, milliseconds(until: deadline), error.pointer)
        else {
            if error.name == "org.freedesktop.DBus.Error.NoReply" {
                throw Failure(description: "\(destination) did not answer in time")
            }
            throw Failure(description: error.message ?? "no reply")
        }
        defer { dbus.unrefMessage(reply) }
        return Reply(sender: dbus.sender(reply), arguments: values(of: reply))
    }

    /// Asks the bus for the signals of `interface`, whoever sends them, to come to this connection too.
    func subscribe(toSignalsOf interface: String, deadline: Date) throws(Failure) {
        try call(
            destination: "org.freedesktop.DBus", path: "/org/freedesktop/DBus", interface: "org.freedesktop.DBus",
            method: "AddMatch", [.string("type='signal',interface='\(interface)'")], deadline: deadline)
    }

    /// Waits until `deadline` for a signal that `wanted` accepts; signals that came in before are looked at
    /// first. Nil when none came, or the connection closed.
    func nextSignal(until deadline: Date, where wanted: (Signal) -> Bool) -> Signal? {
        while true {
            while let message = dbus.popMessage(connection) {
                defer { dbus.unrefMessage(message) }
                guard dbus.messageType(message) == Self.signalType, let interface = dbus.interface(message),
                    let member = dbus.member(message)
                else { continue }
                let signal = Signal(
                    sender: dbus.sender(message), interface: interface, member: member, arguments: values(of: message))
                if wanted(signal) { return signal }
            }
            guard Date() < deadline, dbus.readWrite(connection, milliseconds(until: deadline)) != 0 else { return nil }
        }
    }

    /// `DBUS_MESSAGE_TYPE_SIGNAL` in dbus-protocol.h.
    private static let signalType: Int32 = 4

    private func milliseconds(until deadline: Date) -> Int32 {
        Int32(clamping: max(1, Int(deadline.timeIntervalSinceNow * 1000)))
    }

    private func values(of message: OpaquePointer) -> [Value] {
        let iterator = MessageIterator(dbus)
        guard dbus.iterInit(message, iterator.pointer) != 0 else { return [] }
        var values: [Value] = []
        repeat { values.append(iterator.current) } while dbus.iterNext(iterator.pointer) != 0
        return values
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
    typealias IterInit = @convention(c) (Object, Buffer) -> UInt32
    typealias IterFunction = @convention(c) (Buffer) -> Int32
    typealias IterGetBasic = @convention(c) (Buffer, UnsafeMutableRawPointer) -> Void
    typealias IterRecurse = @convention(c) (Buffer, Buffer) -> Void
    typealias PopMessage = @convention(c) (Object) -> Object?
    typealias MessageType = @convention(c) (Object) -> Int32
    typealias MessageText = @convention(c) (Object) -> Text?
    typealias ReadWrite = @convention(c) (Object, Int32) -> UInt32

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
    var iterInit: IterInit { function("dbus_message_iter_init") }
    var iterNext: IterFunction { function("dbus_message_iter_next") }
    var iterArgType: IterFunction { function("dbus_message_iter_get_arg_type") }
    var iterGetBasic: IterGetBasic { function("dbus_message_iter_get_basic") }
    var iterRecurse: IterRecurse { function("dbus_message_iter_recurse") }
    var popMessage: PopMessage { function("dbus_connection_pop_message") }
    var messageType: MessageType { function("dbus_message_get_type") }
    var readWrite: ReadWrite { function("dbus_connection_read_write") }

    func interface(_ message: Object) -> String? {
        (function("dbus_message_get_interface") as MessageText)(message).map { String(cString: $0) }
    }

    func member(_ message: Object) -> String? {
        (function("dbus_message_get_member") as MessageText)(message).map { String(cString: $0) }
    }

    func sender(_ message: Object) -> String? {
        (function("dbus_message_get_sender") as MessageText)(message).map { String(cString: $0) }
    }

    /// Every function used, checked once at loading, so a call never meets a missing one.
    private static let names = [
        "dbus_connection_open_private", "dbus_connection_close", "dbus_connection_unref", "dbus_message_unref",
        "dbus_message_new_method_call", "dbus_message_iter_init_append", "dbus_message_iter_append_basic",
        "dbus_message_iter_open_container", "dbus_message_iter_close_container",
        "dbus_connection_send_with_reply_and_block", "dbus_error_init", "dbus_error_free", "dbus_error_is_set",
        "dbus_message_iter_init", "dbus_message_iter_next", "dbus_message_iter_get_arg_type",
        "dbus_message_iter_get_basic", "dbus_message_iter_recurse", "dbus_connection_pop_message",
        "dbus_message_get_type", "dbus_message_get_interface", "dbus_message_get_member", "dbus_message_get_sender",
        "dbus_connection_read_write",
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
        case .uint32(let number): appendBasic(number, "u")
        case .int32(let number): appendBasic(number, "i")
        case .int64(let number): appendBasic(number, "x")
        case .stringArray(let texts):
            container("a", signature: "s") { array in texts.forEach(array.appendString) }
        case .hints(let hints):
            container("a", signature: "{sv}") { dictionary in
                for (key, value) in hints {
                    dictionary.container("e", signature: nil) { entry in
                        entry.appendString(key)
                        switch value {
                        case .byte(let byte): entry.container("v", signature: "y") { $0.appendBasic(byte, "y") }
                        case .string(let text): entry.container("v", signature: "s") { $0.appendString(text) }
                        }
                    }
                }
            }
        }
    }

    /// The argument the iterator is at: a string, an object path, a `u32`, or the one of these a variant holds;
    /// else `.other`.
    var current: SessionBus.Value {
        switch dbus.iterArgType(pointer) {
        case Self.type("s"): return text.map(SessionBus.Value.string) ?? .other
        case Self.type("o"): return text.map(SessionBus.Value.objectPath) ?? .other
        case Self.type("v"):
            let inner = MessageIterator(dbus)
            dbus.iterRecurse(pointer, inner.pointer)
            return inner.current
        case Self.type("u"):
            var number: UInt32 = 0
            dbus.iterGetBasic(pointer, &number)
            return .uint32(number)
        default: return .other
        }
    }

    /// The string or object path the iterator is at.
    private var text: String? {
        var characters: UnsafePointer<CChar>?
        dbus.iterGetBasic(pointer, &characters)
        return characters.map { String(cString: $0) }
    }

    private func appendBasic<Number>(_ value: Number, _ code: Character) {
        withUnsafeBytes(of: value) { _ = dbus.appendBasic(pointer, Self.type(code), $0.baseAddress!) }
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

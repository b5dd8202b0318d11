import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `libcurl.so.4` that is the system's libcurl in all but one thing: `curl_easy_setopt` refuses one
/// option with CURLE_UNKNOWN_OPTION, as an older libcurl or one built without TLS does. It is compiled once
/// for the tests, forwards every other call to the real library, and is found first by a program whose
/// environment has `environment(refusing:)`.
package enum RefusingLibcurl {
    /// What a program needs in its environment to load this libcurl instead of the system's, refusing
    /// `option` (its number in curl/curl.h: CURLOPT_SSL_VERIFYPEER is 64).
    package static func environment(refusing option: Int) throws -> [String: String] {
        let folder = try built.get()
        return ["LD_LIBRARY_PATH": folder.path, "REFUSED_CURL_OPTION": String(option)]
    }

    /// The folder that holds the library, built at the first use. It lives beside the products the tests run,
    /// not in a temporary folder: it outlives every test, and nothing at the end of a run would remove it.
    private static let built = Result { () throws -> URL in
        let folder = URL(fileURLWithPath: productBinary("refusing-libcurl"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let real = try realLibrary()
        let source = folder.appendingPathComponent("refusing-curl.c").path
        try Self.source.write(toFile: source, atomically: true, encoding: .utf8)
        let built = MeasuredProcess.run(
            try compiler(),
            [
                "-shared", "-fPIC", "-O1", "-o", folder.path + "/libcurl.so.4", "-DREAL_LIBCURL=\"\(real)\"",
                source, "-ldl",
            ], environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        guard built.status == 0 else { throw TestSupportError("cannot build the refusing libcurl: \(built.output)") }
        return folder
    }

    /// The file the system's `libcurl.so.4` is loaded from, as this process finds it: loaded here, then
    /// looked for among the files mapped into this process.
    private static func realLibrary() throws -> String {
        guard dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL) != nil else {
            throw TestSupportError("libcurl.so.4 is not installed")
        }
        // Read to its end: a file in /proc tells no size in advance.
        let maps = String(
            decoding: FileHandle(forReadingAtPath: "/proc/self/maps")?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        guard let line = maps.split(separator: "\n").first(where: { $0.contains("/libcurl.so.4") }),
            let path = line.split(separator: " ", omittingEmptySubsequences: true).last
        else { throw TestSupportError("cannot tell where libcurl.so.4 was loaded from") }
        return String(path)
    }

    /// The toolchain's C compiler: the Swift toolchain that builds the tests brings clang.
    private static func compiler() throws -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["clang", "cc"] {
            for folder in folders where access("\(folder)/\(name)", X_OK) == 0 { return "\(folder)/\(name)" }
        }
        throw TestSupportError("no C compiler (clang or cc) on PATH")
    }

    /// On x86-64 and AArch64 each of setopt's and getinfo's arguments (a long, a curl_off_t or a pointer)
    /// travels in one general-purpose register, so passing it on as a pointer passes it unchanged.
    private static let source = """
        #include <dlfcn.h>
        #include <stdarg.h>
        #include <stddef.h>
        #include <stdlib.h>

        static void *function(const char *name) {
            static void *library;
            if (!library) library = dlopen(REAL_LIBCURL, RTLD_NOW | RTLD_LOCAL);
            return library ? dlsym(library, name) : NULL;
        }

        int curl_global_init(long flags) { return ((int (*)(long))function("curl_global_init"))(flags); }
        void *curl_easy_init(void) { return ((void *(*)(void))function("curl_easy_init"))(); }
        void curl_easy_cleanup(void *handle) { ((void (*)(void *))function("curl_easy_cleanup"))(handle); }
        void curl_easy_reset(void *handle) { ((void (*)(void *))function("curl_easy_reset"))(handle); }
        int curl_easy_perform(void *handle) { return ((int (*)(void *))function("curl_easy_perform"))(handle); }
        const char *curl_easy_strerror(int code) {
            return ((const char *(*)(int))function("curl_easy_strerror"))(code);
        }
        void *curl_slist_append(void *list, const char *text) {
            return ((void *(*)(void *, const char *))function("curl_slist_append"))(list, text);
        }
        void curl_slist_free_all(void *list) { ((void (*)(void *))function("curl_slist_free_all"))(list); }

        int curl_easy_setopt(void *handle, int option, ...) {
            va_list arguments;
            va_start(arguments, option);
            void *value = va_arg(arguments, void *);
            va_end(arguments);
            const char *refused = getenv("REFUSED_CURL_OPTION");
            if (refused && option == atoi(refused)) return 48; /* CURLE_UNKNOWN_OPTION */
            return ((int (*)(void *, int, ...))function("curl_easy_setopt"))(handle, option, value);
        }

        int curl_easy_getinfo(void *handle, int info, ...) {
            va_list arguments;
            va_start(arguments, info);
            void *value = va_arg(arguments, void *);
            va_end(arguments);
            return ((int (*)(void *, int, ...))function("curl_easy_getinfo"))(handle, info, value);
        }
        """
}

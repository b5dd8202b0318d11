import Testing

@testable import SystemSupport

@Test(.timeLimit(.minutes(5))) func defaultsFollowTheSpecification() {
    let dirs = XDGDirectories(environment: ["HOME": "/home/agent", "XDG_CONFIG_HOME": "relative/ignored"])
    #expect(dirs.configHome == "/home/agent/.config")
    #expect(dirs.systemConfigFiles == ["/etc/xdg/puzzel-call/config"])
    #expect(dirs.cacheDirectory == "/home/agent/.cache/puzzel-call")
    #expect(dirs.stateDirectory == "/home/agent/.local/state/puzzel-call")
}

@Test(.timeLimit(.minutes(5))) func systemConfigFilesRunFromLeastToMostImportant() {
    let dirs = XDGDirectories(environment: ["HOME": "/h", "XDG_CONFIG_DIRS": "/etc/fleet:/etc/xdg"])
    #expect(dirs.systemConfigFiles == ["/etc/xdg/puzzel-call/config", "/etc/fleet/puzzel-call/config"])
}

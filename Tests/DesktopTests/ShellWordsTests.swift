import Testing

@testable import Desktop

/// GNOME runs a custom shortcut's command as `g_shell_parse_argv` splits it.
@Suite(.timeLimit(.minutes(5))) struct ShellWordsTests {
    @Test func plainWordsStayAsTheyAreAndOthersAreSingleQuoted() {
        #expect(
            ShellWords.joined(["/home/ola/.local/bin/puzzel-call", "selection", "--from-desktop"])
                == "/home/ola/.local/bin/puzzel-call selection --from-desktop")
        #expect(ShellWords.joined(["/home/Ola Nordmann/bin/puzzel-call"]) == "'/home/Ola Nordmann/bin/puzzel-call'")
        #expect(ShellWords.joined(["O'Hara", ""]) == #"'O'\''Hara' ''"#)
    }

    @Test(arguments: [
        ["/home/Ola Nordmann/puzzel-call", "selection"], ["O'Hara", "$HOME", "a\\b", "\"quoted\"", "tab\there"],
        ["", "#not a comment", "~", "semi;colon", "Søren"],
    ])
    func whatIsJoinedSplitsBackIntoTheSameWords(_ words: [String]) {
        #expect(ShellWords.split(ShellWords.joined(words)) == words)
    }

    @Test func splitsAsGLibDoes() {
        #expect(ShellWords.split("  a  'b c'd \"e \\\"f\\\" \\g\" h\\ i  ") == ["a", "b cd", "e \"f\" \\g", "h i"])
        #expect(ShellWords.split("run # a comment\nnext") == ["run", "next"])
        #expect(ShellWords.split("''") == [""])
        #expect(ShellWords.split("'unfinished") == nil)
        #expect(ShellWords.split("\"unfinished") == nil)
        #expect(ShellWords.split("trailing\\") == nil)
        #expect(ShellWords.split("   ") == nil)
    }
}

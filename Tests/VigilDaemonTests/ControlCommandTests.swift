import Testing
import VigilDaemon

/// The control socket's commands: what each line asks for, and back.
@Suite("control commands")
struct ControlCommandTests {
    @Test("each command reads back from its own line", arguments: [
        ControlCommand.ping, .status, .reload, .reopenLogs, .maintenanceBegin(reason: "upgrade to 0.3 (ticket 42)"),
        .maintenanceEnd, .debugWriteProbe(path: "/srv/probe file"),
    ])
    func roundTrip(_ command: ControlCommand) {
        #expect(ControlCommand(line: command.line) == command)
    }

    @Test("a command is its first word; the rest is its argument; anything else is no command")
    func parsing() {
        #expect(ControlCommand(line: "status please") == .status)
        #expect(ControlCommand(line: "maintenance-begin") == .maintenanceBegin(reason: ""), "the daemon refuses an empty reason")
        #expect(ControlCommand(line: "maintenance-begin two words") == .maintenanceBegin(reason: "two words"))
        #expect(ControlCommand(line: "shutdown") == nil)
        #expect(ControlCommand(line: "") == nil)
    }
}

import Testing
import VigilDaemon
import VigilQuarantine
import VigilSystem

/// The control socket's commands: what each line asks for, and back.
@Suite("control commands")
struct ControlCommandTests {
    @Test("each command reads back from its own line", arguments: [
        ControlCommand.ping, .status, .reload, .reopenLogs, .maintenanceBegin(reason: "upgrade to 0.3 (ticket 42)"),
        .maintenanceBegin(reason: "upgrade to 0.4", token: "vmt1.00ff.ab12", scope: "upgrade"), .maintenanceChallenge,
        .maintenanceEnd, .debugWriteProbe(path: "/srv/probe file"),
        .quarantine(.init(.list)), .quarantine(.init(.show, id: "275a021bbfb6489e")),
        .quarantine(.init(.restore, id: "275a021bbfb6489e-dn58smd5sqyl", to: RawPath(bytes: Array("/srv/a b/\u{1}".utf8) + [0xFF]), force: true,
                          stores: ["/var/lib/vigil/quarantine", "/srv/up loads/.q"])),
        .quarantine(.init(.delete, id: "x")),
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
        #expect(ControlCommand(line: "quarantine restore zz 0 - -") == nil, "ids and paths travel as hex")
        #expect(ControlCommand(line: "quarantine restore") == nil)
        #expect(ControlCommand(line: "quarantine purge - 0 - -") == nil)
    }
}

/// The daemon's own quarantine retention: whether it runs and when it first does.
@Suite("quarantine retention in the daemon")
struct QuarantinePruneScheduleTests {
    @Test("the daemon prunes only with an interval and at least one limit", arguments: [
        (Int64(86400), Int64(30 * 86400), Int64(10 << 30), true),
        (86400, 0, 10 << 30, true),
        (86400, 30 * 86400, 0, true),
        (86400, 0, 0, false),
        (0, 30 * 86400, 10 << 30, false),
    ] as [(Int64, Int64, Int64, Bool)])
    func wanted(interval: Int64, maxAge: Int64, maxTotal: Int64, want: Bool) {
        #expect(QuarantinePruneSchedule.wanted(intervalSeconds: interval, retention: QuarantineRetention(maxAgeSeconds: maxAge, maxTotalSize: maxTotal)) == want)
    }

    @Test("the first run is a minute after start, or one interval when that is shorter", arguments: [
        (Int64(86400), Int64(60)), (60, 60), (2, 2), (1, 1),
    ] as [(Int64, Int64)])
    func firstDelay(interval: Int64, want: Int64) {
        #expect(QuarantinePruneSchedule.firstDelay(intervalSeconds: interval) == want)
    }
}

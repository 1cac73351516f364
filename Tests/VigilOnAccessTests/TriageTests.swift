import Testing
import VigilConfig
@testable import VigilOnAccess
import VigilSystem

/// The event thread's answers before any byte is read, as a table.
@Suite("Triage")
struct TriageTests {
    func facts(_ change: (inout Triage.Facts) -> Void) -> Triage.Facts {
        var f = Triage.Facts()
        change(&f)
        return f
    }

    @Test("each fact settles the event as the table says, in order")
    func table() {
        let cases: [(String, Triage.Facts, Triage.Outcome)] = [
            ("a guarded regular file is scanned", facts { _ in }, .scan),
            ("our own opens never wait on us", facts { $0.ownProcess = true; $0.knownBad = true }, .answer(.allow, .ownProcess)),
            ("shutting down allows", facts { $0.stopping = true }, .answer(.allow, .stopping)),
            ("directories and devices pass", facts { $0.regular = false }, .answer(.allow, .notRegular)),
            ("outside every guard passes", facts { $0.guarded = false }, .answer(.allow, .unguarded)),
            ("an exclusion passes", facts { $0.excluded = true }, .answer(.allow, .excluded)),
            ("a trusted process passes", facts { $0.trusted = true }, .answer(.allow, .trustedProcess)),
            ("a known-bad version is denied", facts { $0.knownBad = true }, .answer(.deny, .knownBad)),
            ("audit mode lets a known-bad version through", facts { $0.knownBad = true; $0.mode = .audit }, .answer(.allow, .knownBad)),
            ("a known-clean version passes", facts { $0.knownClean = true }, .answer(.allow, .knownClean)),
            ("an oversize file is scanned by its windows", facts { $0.oversize = true }, .scan),
            ("an oversize file with windows off follows on_oversize", facts { $0.oversize = true; $0.oversizeUnread = true; $0.onOversize = .deny },
             .answer(.deny, .oversize)),
            ("audit mode never denies an oversize file", facts { $0.oversize = true; $0.oversizeUnread = true; $0.onOversize = .deny; $0.mode = .audit },
             .answer(.allow, .oversize)),
            ("known bad wins over known clean", facts { $0.knownBad = true; $0.knownClean = true }, .answer(.deny, .knownBad)),
            ("an exclusion wins over known bad", facts { $0.excluded = true; $0.knownBad = true }, .answer(.allow, .excluded)),
            ("a workload with mode off is not scanned", facts { $0.workloadOff = true }, .answer(.allow, .workloadOff)),
            ("mode off wins over a cached deny", facts { $0.workloadOff = true; $0.knownBad = true }, .answer(.allow, .workloadOff)),
            ("an exec-only workload's plain open is not scanned", facts { $0.execOnlyOpen = true }, .answer(.allow, .execOnly)),
            ("an exec-only workload's plain open wins over a cached deny", facts { $0.execOnlyOpen = true; $0.knownBad = true }, .answer(.allow, .execOnly)),
            ("a trusted process wins over a workload", facts { $0.trusted = true; $0.workloadOff = true }, .answer(.allow, .trustedProcess)),
            ("an audit workload's known-bad open is allowed (and logged)", facts { $0.mode = .audit; $0.knownBad = true }, .answer(.allow, .knownBad)),
        ]
        for (name, f, expected) in cases {
            #expect(Triage.decide(f) == expected, "\(name)")
        }
    }

    @Test("every answer that skips a scan the policy wanted leaves a log line; routine ones do not")
    func logging() {
        #expect(Triage.mustLog(.oversize) && Triage.mustLog(.queueFull) && Triage.mustLog(.knownBad))
        for quiet: Triage.AtOnce in [.ownProcess, .stopping, .notRegular, .unguarded, .excluded, .trustedProcess, .knownClean, .workloadOff, .execOnly] {
            #expect(!Triage.mustLog(quiet), "\(quiet)")
        }
    }
}

/// How a scanned event is answered, as a table.
@Suite("Decision")
struct DecisionTests {
    static let enforce: Decision.Policy = {
        var p = Decision.Policy()
        p.onError = .deny
        p.onTimeout = .deny
        p.onOversize = .allow
        return p
    }()

    @Test("a finding that denies wins over every way the scan can fall short")
    func denyWins() {
        for j in [Judgement(verdict: .deny), Judgement(verdict: .deny, failed: true, complete: false),
                  Judgement(verdict: .quarantine, timedOut: true, complete: false), Judgement(verdict: .deny, partial: true, complete: false)] {
            let o = Decision.decide(j, DecisionTests.enforce)
            #expect(o.response == .deny && o.action == .deny && o.rememberBad && !o.rememberClean, "\(j)")
        }
    }

    @Test("each kind of 'could not judge' has its own configured answer and is never remembered as clean")
    func shortfalls() {
        var p = DecisionTests.enforce
        p.onError = .deny
        p.onTimeout = .allow
        p.onOversize = .deny
        let failed = Decision.decide(Judgement(failed: true, complete: false), p)
        #expect(failed.response == .deny && failed.action == .error && failed.log)
        let late = Decision.decide(Judgement(timedOut: true, complete: false), p)
        #expect(late.response == .allow && late.action == .timeout && late.rescanLater)
        let partial = Decision.decide(Judgement(partial: true, complete: true), p)
        #expect(partial.response == .deny && partial.action == .oversize && partial.rememberPartial)
        let ruleLost = Decision.decide(Judgement(complete: false), p)
        #expect(ruleLost.response == .allow && ruleLost.action == .scanProblem && ruleLost.log)
        for o in [failed, late, partial, ruleLost] { #expect(!o.rememberClean) }
    }

    @Test("a complete clean scan is allowed, remembered and not logged")
    func clean() {
        let o = Decision.decide(Judgement(), DecisionTests.enforce)
        #expect(o == Decision.Outcome(response: .allow, action: .allow, rememberClean: true, log: false))
    }

    @Test("audit mode never denies, and audit findings are logged allows")
    func audit() {
        var p = DecisionTests.enforce
        p.mode = .audit
        for j in [Judgement(verdict: .deny), Judgement(failed: true, complete: false), Judgement(timedOut: true, complete: false),
                  Judgement(partial: true, complete: true)] {
            #expect(Decision.decide(j, p).response == .allow, "\(j)")
        }
        #expect(Decision.decide(Judgement(verdict: .deny), p).action == .audit)
        #expect(Decision.decide(Judgement(verdict: .audit), DecisionTests.enforce).action == .audit)
    }
}

/// Which events the event thread may judge itself (issue 14's quick path), as a table.
@Suite("InlineClear")
struct InlineClearTests {
    func facts(_ change: (inout InlineClear.Facts) -> Void) -> InlineClear.Facts {
        var f = InlineClear.Facts()
        f.size = 1000
        change(&f)
        return f
    }

    @Test("only a small, ordinary file with the prefilter on and budget left is judged on the event thread")
    func table() {
        let cases: [(String, InlineClear.Facts, Bool)] = [
            ("a small file", facts { _ in }, true),
            ("an empty file", facts { $0.size = 0 }, true),
            ("exactly 64 KiB", facts { $0.size = 65536 }, true),
            ("one byte over 64 KiB goes to the pool", facts { $0.size = 65537 }, false),
            ("prefilter off: libyara would run, so the pool", facts { $0.prefilter = false }, false),
            ("uploads need the type and the upload rule", facts { $0.upload = true }, false),
            ("type exclusions need libmagic", facts { $0.excludeTypes = true }, false),
            ("the slow-scan test hook stays on the pool", facts { $0.debugSlowScan = true }, false),
            ("workloads: per-opener rules, modes and counters are the pool's", facts { $0.workloads = true }, false),
            ("the batch's share is used up", facts { $0.budgetLeft = false }, false),
        ]
        for (name, f, expected) in cases {
            #expect(InlineClear.eligible(f) == expected, "\(name)")
        }
    }

    @Test("the event thread reads scanned bytes only with the prefilter on, [scanning] sandbox not \"full\" and VIGIL_QUICK_PATH not 0")
    func enabledTable() {
        let cases: [(String, Bool, DaemonConfig.ScanSandbox, String?, Bool)] = [
            ("sandbox = true (the default)", true, .pool, nil, true),
            ("sandbox = false", true, .off, nil, true),
            ("sandbox = \"full\": every scan in a worker", true, .full, nil, false),
            ("prefilter off", false, .pool, nil, false),
            ("the benchmark's A/B switch", true, .pool, "0", false),
            ("VIGIL_QUICK_PATH=1 changes nothing", true, .pool, "1", true),
            ("VIGIL_QUICK_PATH=1 does not turn it on under full", true, .full, "1", false),
        ]
        for (name, prefilter, sandbox, env, expected) in cases {
            #expect(InlineClear.enabled(prefilter: prefilter, sandbox: sandbox, environment: env) == expected, "\(name)")
        }
    }
}

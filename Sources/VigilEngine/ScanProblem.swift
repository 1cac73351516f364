import VigilSystem

/// What kept a check from judging all of a file, reported beside its verdict.
///
/// A report carries these instead of failing as a whole, so one check's trouble never
/// erases another check's answer: a hash-list hit stands whatever YARA did, and a rule
/// that breaks at run time loses only itself.
///
/// Owns: naming and describing problems. Must not: decide what a caller does about them
/// (the daemon's `on_error`, `vigil scan`'s exit code); `isWarning`/`isError` only sort them.
public enum ScanProblem: Sendable, Equatable, CustomStringConvertible {
    /// One YARA rule failed at run time (libyara error `code`, typically 46,
    /// ERROR_TOO_MANY_RE_FIBERS, from a regex) and was left out: the file was scanned
    /// again without it and judged by every other rule. `file` is the rule file it came
    /// from (or the compiled rules file), `string` the string being matched when it failed.
    case ruleError(rule: String, namespace: String, file: String, string: String?, code: Int32, message: String)
    /// A string reached libyara's match limit (1,000,000 per string); later matches of it
    /// were not collected and the rule was still evaluated, as yara does. A warning: only
    /// conditions that count or locate that string's matches can be off.
    case tooManyMatches(rule: String, namespace: String, file: String, string: String)
    /// YARA stopped before evaluating the rules: at the caller's deadline (`byDeadline`)
    /// or at the per-file YARA timeout. `seconds` is the time YARA had for this file.
    case timedOut(seconds: Double, byDeadline: Bool)
    /// The YARA pass failed as a whole (out of memory, the file could not be mapped, more
    /// failing rules than `ScanLimits.maxRuleErrorsPerFile`): no rule judged the file.
    case engineError(code: Int32, message: String)
    /// Part of the file could not be read; the message says which check lost what.
    case readError(String)
    /// The file is over `ScanLimits.maxFileSize`: only its first `headBytes` and last
    /// `tailBytes` were read and scanned with YARA (at their real offsets, `filesize` the
    /// real size). Hash lists were not checked: a digest needs every byte.
    case partialContent(headBytes: Int64, tailBytes: Int64)
    // Archives (issue 13). None is an error: the file itself was judged; part of its
    // content was not, so the report is not complete (never cached clean).
    /// An archive limit (`ArchiveLimit.rawValue`) left part of the archive unread at
    /// `member` ("" for the archive itself).
    case archiveLimit(limit: String, member: String, detail: String)
    /// An encrypted member, or encrypted headers (`member` the archive's own path).
    case archiveEncrypted(member: String)
    /// libarchive could not read on at `member` (truncated, corrupt, unsupported).
    case archiveUnreadable(member: String, message: String)

    /// A warning leaves the file fully judged (yara prints it and carries on).
    public var isWarning: Bool {
        if case .tooManyMatches = self { return true }
        return false
    }

    /// One rule lost, the file judged by the others.
    public var isRuleError: Bool {
        if case .ruleError = self { return true }
        return false
    }

    /// A problem that left some check without an answer and that is nobody's choice:
    /// the scan itself went wrong. A lost rule and a partial read of an oversize file are
    /// neither (the rest of the file was judged; the size limit is configuration).
    public var isError: Bool {
        switch self {
        case .timedOut, .engineError, .readError: true
        case .ruleError, .tooManyMatches, .partialContent: false
        case .archiveLimit, .archiveEncrypted, .archiveUnreadable: false
        }
    }

    /// A stable name for logs and JSON (`vigil.problems[].type`).
    public var kind: String {
        switch self {
        case .ruleError: "rule-error"
        case .tooManyMatches: "too-many-matches"
        case .timedOut: "timed-out"
        case .engineError: "engine-error"
        case .readError: "read-error"
        case .partialContent: "partial-content"
        case .archiveLimit: "archive-limit"
        case .archiveEncrypted: "archive-encrypted"
        case .archiveUnreadable: "archive-unreadable"
        }
    }

    public var description: String {
        switch self {
        case let .ruleError(rule, namespace, file, string, code, message):
            let what = string.map { "string \"\($0)\" in rule \"\(rule)\"" } ?? "rule \"\(rule)\""
            return "\(what) (\(ScanProblem.place(namespace, file))) caused libyara error \(code) (\(message)); "
                + "the file was judged by every other rule"
        case let .tooManyMatches(rule, namespace, file, string):
            return "rule \"\(rule)\" (\(ScanProblem.place(namespace, file))): too many matches for \(string), "
                + "results for this rule may be incorrect"
        case let .timedOut(seconds, byDeadline):
            let limit = byDeadline ? "the scan deadline" : "the per-file YARA timeout"
            return "YARA stopped at \(limit) (\(ScanProblem.seconds(seconds)) s): rules not evaluated"
        case let .engineError(code, message):
            return "YARA scan failed (libyara error \(code): \(message)): rules not evaluated"
        case let .readError(message):
            return message
        case let .partialContent(head, tail):
            return "oversize: only the first \(formatBytes(head)) and the last \(formatBytes(tail)) were scanned with YARA; "
                + "hash lists were not checked"
        case let .archiveLimit(limit, member, detail):
            return "archive limit reached (\(limit)) at \(member.isEmpty ? "the archive" : member): \(detail)"
        case let .archiveEncrypted(member):
            return "encrypted archive content not scanned: \(member.isEmpty ? "the archive's headers" : member)"
        case let .archiveUnreadable(member, message):
            return "archive not fully read at \(member.isEmpty ? "the archive" : member): \(message)"
        }
    }

    private static func place(_ namespace: String, _ file: String) -> String {
        file.isEmpty ? "namespace \(namespace)" : "\(file), namespace \(namespace)"
    }

    private static func seconds(_ s: Double) -> String {
        s >= 10 ? String(Int(s.rounded())) : String((s * 1000).rounded() / 1000)
    }
}

/// libyara's scan-time error codes in words (yara prints the same kinds of text).
enum YaraErrorText {
    static func describe(_ code: Int32) -> String {
        switch code {
        case 1: "ERROR_INSUFFICIENT_MEMORY: out of memory"
        case 4: "ERROR_COULD_NOT_MAP_FILE: could not map the file (truncated while scanned?)"
        case 25: "ERROR_EXEC_STACK_OVERFLOW: stack overflow while evaluating a condition"
        case 26: "ERROR_SCAN_TIMEOUT: scanning timed out"
        case 28: "ERROR_CALLBACK_ERROR: the match collector failed"
        case 30: "ERROR_TOO_MANY_MATCHES: too many matches"
        case 31: "ERROR_INTERNAL_FATAL_ERROR: internal error (corrupt rules?)"
        case 46: "ERROR_TOO_MANY_RE_FIBERS: the regular expression needed more than 1024 parallel matching states here"
        case 52: "ERROR_INTEGER_OVERFLOW: integer overflow"
        default: "libyara error \(code)"
        }
    }
}

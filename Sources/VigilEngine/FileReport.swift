import Glibc
import VigilSystem

// Owns: the report of one scan. Must not: decide what it means for an answer.

/// What one scan of one file found, and what kept any check from judging all of it.
///
/// **A caller may treat a file as clean only when `isClean` is true.** `status == .scanned`
/// is not enough: a report with problems (a rule lost to a run-time error, YARA stopped
/// at the deadline, an oversize file read only in windows) judged only part of the file,
/// and must never be cached or logged as clean. Findings are real whatever the problems
/// say: a hash-list hit stands when YARA failed, a rule match stands when another rule
/// was lost.
public struct FileReport: Sendable {
    public enum Status: Sendable, Equatable {
        /// At least one check ran; `problems` says what it could not judge.
        case scanned
        /// Not read on purpose (FIFO, socket, device, pseudo-filesystem...): not an error.
        case skipped(String)
        /// Nothing could be judged at all: the file could not be read before any check
        /// ran. `problems` is empty; the reason is here.
        case failed(String)
    }

    public var path: RawPath
    public var size: Int64 = 0
    public var status: Status = .scanned
    public var findings: [Finding] = []
    /// In the order they happened; warnings included.
    public var problems: [ScanProblem] = []
    public var sha256: DigestValue?
    public var mimeType: String?
    public var typeDescription: String?
    public var bytesRead: Int64 = 0
    /// Archive members scanned and bytes unpacked, every level.
    public var archiveMembers = 0
    public var archiveBytes: Int64 = 0
    /// Set when the allowlist allowed the file: its findings moved here (Allowlist.swift).
    public var allowlisted: AllowlistHit?

    public init(path: RawPath) { self.path = path }

    public var verdict: Verdict { Verdict.combine(findings.map(\.verdict)) }
    public var isFinding: Bool { !findings.isEmpty }
    /// Every check ran over every byte it meant to and no rule was lost (warnings such as
    /// `.tooManyMatches` allowed, as yara allows them). False for skipped and failed files.
    public var isComplete: Bool { status == .scanned && problems.allSatisfy(\.isWarning) }
    /// Completely judged and nothing found: the only report that may be cached as clean.
    public var isClean: Bool { isComplete && findings.isEmpty }
    /// Only the head and tail windows of an oversize file were read.
    public var isPartial: Bool { problems.contains { if case .partialContent = $0 { true } else { false } } }
}

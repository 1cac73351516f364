import Foundation

// Owns: the Elasticsearch/OpenSearch `_bulk` protocol as pure functions: a document id
// for each spooled line, the NDJSON request body (`create` with `_id` = `event.id`), and
// what a reply means for each document. Tested as tables.
// Must not: do I/O or keep state (the exporter does).

public enum BulkProtocol {
    /// One spooled line ready to send.
    public struct Document: Sendable, Equatable {
        public let id: String
        public let source: [UInt8]
    }

    /// A line that cannot be indexed as it is (not a JSON object): set aside, never retried.
    public struct Unsendable: Error, Sendable, Equatable {
        public let line: [UInt8]
        public let reason: String
    }

    /// The document id: the event's own `event.id`, so a re-send after a crash or a lost
    /// reply hits the same document. Lines without one (written before event ids, or by
    /// another tool) get a digest of their bytes: still the same id on every re-send.
    public static func document(_ line: [UInt8]) -> Result<Document, Unsendable> {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(line)), let dict = obj as? [String: Any] else {
            return .failure(Unsendable(line: line, reason: "not a JSON object"))
        }
        if let ev = dict["event"] as? [String: Any], let id = ev["id"] as? String, isSafeID(id) {
            return .success(Document(id: id, source: line))
        }
        return .success(Document(id: "fnv-" + fnv1a128Hex(line), source: line))
    }

    /// Ids go into the action line verbatim: keep them to a harmless alphabet and length.
    static func isSafeID(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 128 && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    /// 128-bit FNV-1a as two 64-bit halves with different offsets (stable, dependency-free;
    /// collisions only matter between two lines without event ids).
    static func fnv1a128Hex(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x6c62_272e_07bb_0142
        for x in bytes {
            a = (a ^ UInt64(x)) &* 0x100_0000_01b3
            b = (b ^ UInt64(x)) &* 0x100_0000_01b3
        }
        func hex(_ v: UInt64) -> String { let s = String(v, radix: 16); return String(repeating: "0", count: 16 - s.count) + s }
        return hex(a) + hex(b)
    }

    /// The request body: for each document a `create` action naming index and `_id`,
    /// then the document. `create` (not `index`) because a data stream accepts only it,
    /// and because a re-sent document then answers 409 instead of being written twice.
    public static func body(_ docs: [Document], index: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(docs.reduce(0) { $0 + $1.source.count + 80 })
        for d in docs {
            out += Array("{\"create\":{\"_index\":\"\(index)\",\"_id\":\"\(d.id)\"}}\n".utf8)
            out += d.source
            out.append(10)
        }
        return out
    }

    /// What happened to one document.
    public enum ItemResult: Sendable, Equatable {
        /// Stored now, or already stored by an earlier attempt (409 on create).
        case delivered(duplicate: Bool)
        /// Try again later (429, 5xx, or no answer for it).
        case retry(String)
        /// The receiver will never take it (a mapping error, a 400): set aside with the reason.
        case rejected(String)
    }

    /// What a whole request came to.
    public enum Outcome: Sendable, Equatable {
        /// One result per document, in order.
        case items([ItemResult])
        /// Nothing was decided; send everything again after a pause.
        case retryAll(String)
        /// 413: the request was too large; send it in smaller pieces.
        case split
    }

    public static func isRetryable(_ status: Int) -> Bool { status == 429 || status >= 500 }

    /// Classifies a reply to a request of `count` documents. HTTP-level: 2xx reads the
    /// items; 413 splits; 429, 5xx, and also 401/403/404 (a misconfigured or restarting
    /// receiver: dropping events for it would lose them) retry everything; any other 4xx
    /// for a whole request is retried by splitting down to single documents, where a
    /// document that still gets a 4xx is rejected.
    public static func classify(status: Int, body: [UInt8], count: Int) -> Outcome {
        if status == 413 { return .split }
        if status < 200 || status >= 300 {
            if isRetryable(status) || status == 401 || status == 403 || status == 404 || status == 408 { return .retryAll("HTTP \(status)") }
            if count > 1 { return .split }
            return .items([.rejected("HTTP \(status): \(String(decoding: body.prefix(300), as: UTF8.self))")])
        }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return .retryAll("HTTP \(status) with a reply that is not JSON")
        }
        let items = obj["items"] as? [[String: Any]] ?? []
        if obj["errors"] as? Bool == false && items.count == count {
            return .items(Array(repeating: .delivered(duplicate: false), count: count))
        }
        var out: [ItemResult] = []
        for i in 0..<count {
            guard i < items.count, let (_, v) = items[i].first, let item = v as? [String: Any], let st = item["status"] as? Int else {
                out.append(.retry("no result for this document"))
                continue
            }
            let error = item["error"] as? [String: Any]
            let type = error?["type"] as? String ?? ""
            let reason = error?["reason"] as? String ?? ""
            switch st {
            case 200..<300: out.append(.delivered(duplicate: false))
            case 409 where type == "version_conflict_engine_exception" || type.isEmpty: out.append(.delivered(duplicate: true))
            case _ where isRetryable(st): out.append(.retry("\(st) \(type)"))
            default: out.append(.rejected("\(st) \(type): \(reason)"))
            }
        }
        return .items(out)
    }
}

/// Exponential backoff with full jitter, capped: a pure state machine.
public struct RetryBackoff: Sendable, Equatable {
    public let baseMillis: Int
    public let capMillis: Int
    public private(set) var failures = 0

    public init(baseMillis: Int = 500, capMillis: Int = 60_000) {
        self.baseMillis = baseMillis
        self.capMillis = capMillis
    }

    /// The ceiling of the next pause: base × 2^(failures-1), capped.
    public var ceilingMillis: Int {
        guard failures > 0 else { return 0 }
        let shift = min(failures - 1, 20)
        return min(capMillis, baseMillis << shift)
    }

    /// Records a failure; returns the pause before the next try, `random` in 0..<1
    /// picking a point below the ceiling (at least a tenth of it, never zero).
    public mutating func failed(random: Double) -> Int {
        failures += 1
        let c = ceilingMillis
        return max(1, Int(Double(c) * (0.1 + 0.9 * min(max(random, 0), 1))))
    }

    public mutating func succeeded() { failures = 0 }
}

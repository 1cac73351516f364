// Measures what recording a sample costs on the hot path: built in release together
// with VigilMetrics.swift and swift-prometheus (bench/metrics/run.sh). Prints ns per call.
import Glibc
import Prometheus

func now() -> UInt64 { var ts = timespec(); clock_gettime(CLOCK_MONOTONIC, &ts); return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec) }
let m = VigilMetrics()
let n = 20_000_000
var t0 = now()
for i in 0..<n { m.recordEvent(MetricAccess(rawValue: i % 3)!, MetricVerdict(rawValue: i & 3)!) }
print("recordEvent: \(Double(now() - t0) / Double(n)) ns")
t0 = now()
for i in 0..<n { m.recordScan(.open, nanos: UInt64(i & 0xFFFFFF) * 300) }
print("recordScan (histogram): \(Double(now() - t0) / Double(n)) ns")
t0 = now()
for _ in 0..<n { m.recordFallback(.deadline, .allow) }
print("recordFallback: \(Double(now() - t0) / Double(n)) ns")
// Two threads on one counter: the contended case (two workers denying at once).
let threads = 2
var ths: [pthread_t] = []
t0 = now()
for _ in 0..<threads {
    var th = pthread_t()
    pthread_create(&th, nil, { _ in for _ in 0..<10_000_000 { m.recordEvent(.open, .allow) }; return nil }, nil)
    ths.append(th)
}
for th in ths { pthread_join(th, nil) }
print("recordEvent, \(threads) threads contending: \(Double(now() - t0) / 10_000_000) ns per call per thread")
// Two threads on one latency histogram (two workers answering opens at once).
ths = []
t0 = now()
for _ in 0..<threads {
    var th = pthread_t()
    pthread_create(&th, nil, { _ in for i in 0..<10_000_000 { m.recordScan(.open, nanos: UInt64(i & 0xFFFFF) * 300) }; return nil }, nil)
    ths.append(th)
}
for th in ths { pthread_join(th, nil) }
print("recordScan, \(threads) threads contending: \(Double(now() - t0) / 10_000_000) ns per call per thread")

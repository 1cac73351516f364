import Testing
import VigilEvents

@Suite("latency histogram")
struct LatencyHistogramTests {
    @Test("p50 and p99 land within one bucket (19 %) of the true values")
    func quantiles() {
        let h = LatencyHistogram()
        #expect(h.quantile(0.5) == nil)
        for us in 1...1000 { h.record(micros: us) }
        let p50 = h.quantile(0.5)!, p99 = h.quantile(0.99)!
        #expect(p50 >= 500 && p50 <= 600, "\(p50)")
        #expect(p99 >= 990 && p99 <= 1200, "\(p99)")
        #expect(h.count == 1000)
    }
}


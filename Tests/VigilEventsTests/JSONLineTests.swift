import Testing
import VigilEvents

@Suite("JSONLine")
struct JSONLineTests {
    @Test("JSON strings escape quotes and controls")
    func json() {
        var o = JSONLine()
        o.add("k", "a\"b\n\u{1}")
        #expect(o.text == #"{"k":"a\"b\n\u0001"}"#)
    }
}

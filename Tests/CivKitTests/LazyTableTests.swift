import Testing
@testable import CivKit

@Suite struct LazyTableTests {
    /// Each key's value is made once, the first time it is asked for, and kept.
    @Test func eachValueIsMadeOnce() {
        let table = LazyTable<[Int]>(count: 4)
        var made = 0
        for key in [2, 0, 2, 3, 0, 2] {
            let value = table.value(key) { made += 1; return [key, made] }
            #expect(value[0] == key)
        }
        #expect(made == 3)
        #expect(table.value(2) { [-1] } == [2, 1])
    }
}

extension String {
    /// True when `needle` occurs in the string, compared as UTF-8 bytes (no Unicode
    /// normalization): `String.contains` goes through Foundation's CFStringFind, which profiling
    /// showed to be civ-clean's largest cost on keyword checks.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard n.count <= h.count else { return false }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

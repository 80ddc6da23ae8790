extension Array {
    /// Keeps the array as the best `limit` elements offered, best first: `element` goes in after
    /// every element it does not beat (`isBetter`, a strict order, so of equals the first offered
    /// stays first), and the worst falls off past `limit`. One pass over the candidates keeping
    /// a few in order: the rankings of candidate characters and words keep 3 to 8 of hundreds,
    /// where a sort of them all costs far more.
    @inline(__always)
    mutating func keepBest(_ element: Element, limit: Int, isBetter: (Element, Element) -> Bool) {
        var k = count
        while k > 0, isBetter(element, self[k - 1]) { k -= 1 }
        guard k < limit else { return }
        insert(element, at: k)
        if count > limit { removeLast() }
    }
}

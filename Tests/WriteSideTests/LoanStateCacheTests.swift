import Foundation
@testable import HTTPAPI
import Lending
import Testing

@Suite("Loan state cache")
struct LoanStateCacheTests {
    @Test("past its capacity the cache evicts the least recently used loans and keeps the recent ones")
    func evictsLeastRecentlyUsed() {
        let cache = LoanStateCache(capacity: 10)
        let loans = (0..<11).map { _ in UUID() }
        for loan in loans.prefix(10) { cache.put(loan, version: 1, state: LoanState()) }
        _ = cache.get(loans[0])  // the oldest entry is used again
        cache.put(loans[10], version: 1, state: LoanState())
        #expect(cache.count <= 10)
        #expect(cache.get(loans[0]) != nil, "recently used")
        #expect(cache.get(loans[10]) != nil, "just added")
        #expect(cache.get(loans[1]) == nil, "least recently used")
    }

    @Test("an older version never replaces a newer one")
    func keepsNewest() {
        let cache = LoanStateCache()
        let loan = UUID()
        cache.put(loan, version: 5, state: LoanState())
        cache.put(loan, version: 3, state: LoanState())
        #expect(cache.get(loan)?.version == 5)
    }
}

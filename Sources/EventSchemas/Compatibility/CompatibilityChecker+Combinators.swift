/// `allOf`/`anyOf`/`oneOf` rules: branches may be reordered; sums may grow, products may shrink.
extension CompatibilityChecker {
    private struct Combined {
        var keyword: String
        var branches: [JSONValue]

        init?(_ view: SchemaView) {
            for keyword in SchemaView.combinators {
                if let branches = view.array(keyword) {
                    self.keyword = keyword
                    self.branches = branches
                    return
                }
            }
            return nil
        }

        var isSum: Bool { keyword != "allOf" }
    }

    func compareCombined(_ readerView: SchemaView, _ writerView: SchemaView,
                         at path: [String]) throws -> [Incompatibility] {
        switch (Combined(readerView), Combined(writerView)) {
        case let (reader?, writer?):
            return try compareBothCombined(reader, writer, at: path)
        case let (reader?, nil):
            let branchPath = path + [reader.keyword]
            if reader.branches.count == 1 {
                return try compare(reader.branches[0], writerView.value, at: branchPath + ["0"])
            }
            if reader.isSum {
                for (index, branch) in reader.branches.enumerated()
                where try compare(branch, writerView.value, at: branchPath + [String(index)]).isEmpty {
                    return []
                }
                return [Incompatibility(.typeChanged, at: branchPath,
                                        "No branch of \(roles.reader)'s \(reader.keyword) accepts every value \(roles.writer) allows.")]
            }
            var found: [Incompatibility] = []
            for (index, branch) in reader.branches.enumerated() {
                found += try compare(branch, writerView.value, at: branchPath + [String(index)])
            }
            return found
        case let (nil, writer?):
            if writer.branches.count == 1 {
                return try compare(readerView.value, writer.branches[0], at: path)
            }
            if writer.isSum {
                var found: [Incompatibility] = []
                for branch in writer.branches {
                    found += try compare(readerView.value, branch, at: path)
                }
                return found
            }
            for branch in writer.branches where try compare(readerView.value, branch, at: path).isEmpty {
                return []
            }
            return [Incompatibility(.typeChanged, at: path,
                                    "\(roles.reader) does not accept the values of any branch of \(roles.writer)'s allOf.")]
        case (nil, nil):
            return []
        }
    }

    private func compareBothCombined(_ reader: Combined, _ writer: Combined,
                                     at path: [String]) throws -> [Incompatibility] {
        let branchPath = path + [reader.keyword]
        guard reader.keyword == "anyOf" || reader.keyword == writer.keyword else {
            return [Incompatibility(.combinedTypeChanged, at: branchPath,
                                    "The combinator changed from \(writer.keyword) in \(roles.writer) to \(reader.keyword) in \(roles.reader).")]
        }
        if !reader.isSum, writer.branches.count < reader.branches.count {
            return [Incompatibility(.productTypeExtended, at: branchPath,
                                    "allOf grows from \(writer.branches.count) to \(reader.branches.count) subschemas; old values need not satisfy the new ones.")]
        }
        if reader.isSum, writer.branches.count > reader.branches.count {
            return [Incompatibility(.sumTypeNarrowed, at: branchPath,
                                    "\(reader.keyword) shrinks from \(writer.branches.count) to \(reader.branches.count) subschemas; values of the dropped alternatives no longer validate.")]
        }
        // Edge r→w: reader branch r accepts everything writer branch w allows.
        var edges = Array(repeating: [Int](), count: reader.branches.count)
        for (readerIndex, readerBranch) in reader.branches.enumerated() {
            for (writerIndex, writerBranch) in writer.branches.enumerated()
            where try compare(readerBranch, writerBranch, at: branchPath + [String(readerIndex)]).isEmpty {
                edges[readerIndex].append(writerIndex)
            }
        }
        let matched = Self.maximumMatching(edges, rightCount: writer.branches.count)
        let needed = reader.isSum ? writer.branches.count : reader.branches.count
        guard matched < needed else { return [] }
        return [Incompatibility(.combinedTypeSubschemasChanged, at: branchPath,
                                "Only \(matched) of the \(needed) \(reader.keyword) subschemas pair up with a compatible subschema of \(roles.writer).")]
    }

    /// Size of a maximum bipartite matching (Kuhn's augmenting paths; branch counts are small).
    static func maximumMatching(_ edges: [[Int]], rightCount: Int) -> Int {
        var owner = Array(repeating: -1, count: rightCount)
        func augment(_ left: Int, _ seen: inout [Bool]) -> Bool {
            for right in edges[left] where !seen[right] {
                seen[right] = true
                if owner[right] == -1 || augment(owner[right], &seen) {
                    owner[right] = left
                    return true
                }
            }
            return false
        }
        var count = 0
        for left in edges.indices {
            var seen = Array(repeating: false, count: rightCount)
            if augment(left, &seen) { count += 1 }
        }
        return count
    }
}

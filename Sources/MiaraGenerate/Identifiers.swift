import MiaraValues

/// Synthetic identifiers with valid checksums.
enum SynthID {
    static func digitString(_ n: [Int]) -> String { String(n.map { Character(String($0)) }) }

    /// A valid NIP (weights 6,5,7,2,3,4,5,6,7; a remainder of 10 is not allowed).
    static func nip(_ rng: inout RNG) -> String {
        while true {
            var n = (0..<9).map { _ in rng.int(10) }
            if n[0] == 0 { n[0] = 1 + rng.int(9) }
            let w = [6, 5, 7, 2, 3, 4, 5, 6, 7]
            let r = zip(w, n).reduce(0) { $0 + $1.0 * $1.1 } % 11
            if r == 10 { continue }
            return digitString(n + [r])
        }
    }

    /// A NIP with a wrong check digit (for C06).
    static func badNIP(_ rng: inout RNG) -> String {
        let good = Array(nip(&rng).utf8).map { Int($0 - 48) }
        var n = good
        n[9] = (n[9] + 1) % 10
        return digitString(n)
    }

    static func regon9(_ rng: inout RNG) -> String {
        var n = (0..<8).map { _ in rng.int(10) }
        if n[0] == 0 { n[0] = 1 + rng.int(9) }
        let w = [8, 9, 2, 3, 4, 5, 6, 7]
        let r = zip(w, n).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return digitString(n + [r == 10 ? 0 : r])
    }

    static func regon14(_ rng: inout RNG) -> String {
        var n = Array(regon9(&rng).utf8).map { Int($0 - 48) } + (0..<4).map { _ in rng.int(10) }
        let w = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8]
        let r = zip(w, n).reduce(0) { $0 + $1.0 * $1.1 } % 11
        n.append(r == 10 ? 0 : r)
        return digitString(n)
    }

    static func krs(_ rng: inout RNG) -> String {
        "0000" + digitString((0..<6).map { _ in rng.int(10) })
    }

    /// A synthetic valid PESEL for a birth date and sex (even serial digit for women).
    static func pesel(_ rng: inout RNG, year: Int, month: Int, day: Int, female: Bool) -> String {
        let m = year >= 2000 ? month + 20 : month
        var n = [year % 100 / 10, year % 10, m / 10, m % 10, day / 10, day % 10,
                 rng.int(10), rng.int(10), rng.int(10)]
        var s = rng.int(5) * 2
        if !female { s += 1 }
        n.append(s)
        let w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
        let sum = zip(w, n).reduce(0) { $0 + $1.0 * $1.1 }
        n.append((10 - sum % 10) % 10)
        return digitString(n)
    }
}

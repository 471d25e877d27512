// The directive's value types mapped onto the simulation engine's, and small shared helpers for runs.

import Foundation
import Numerics

extension InitializerSpec {
    /// The engine's initializer: He uses ReLU's gain √2, LeCun and Xavier gain 1 (the textbook definitions).
    var engine: Initializer {
        switch self {
        case .zeros: .zeros
        case .constant(let c): .constant(c)
        case .normal(let std): .normal(std: std)
        case .uniform(let bound): .uniform(bound: bound)
        case .truncatedNormal(let std): .truncatedNormal(std: std)
        case .lecunNormal: .lecun(.normal)
        case .lecunUniform: .lecun(.uniform)
        case .xavierNormal: .xavier(.normal)
        case .xavierUniform: .xavier(.uniform)
        case .heNormal(let fanOut): .he(.normal, mode: fanOut ? .fanOut : .fanIn)
        case .heUniform(let fanOut): .he(.uniform, mode: fanOut ? .fanOut : .fanIn)
        case .orthogonal(let gain): .orthogonal(gain: gain)
        }
    }
}

extension ActivationSpec {
    var engine: Activation {
        switch self {
        case .identity: .identity
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .relu: .relu
        case .leakyReLU(let alpha): .leakyReLU(alpha: alpha)
        case .elu: .elu(alpha: 1)
        case .selu: .selu
        case .gelu: .gelu
        case .softsign: .softsign
        case .softplus: .softplus
        }
    }
}

/// CSV after RFC 4180 (fields with a comma, quote or line break quoted, quotes doubled), but lines end in `\n`,
/// which every spreadsheet reads and which keeps committed files diff-friendly.
enum CSV {
    static func text(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    /// A number at full precision (shortest round-trip spelling), `nan`/`inf` for the others.
    static func number(_ x: Double) -> String {
        x.isNaN ? "nan" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : NumberSpelling.normalized(x)
    }
}

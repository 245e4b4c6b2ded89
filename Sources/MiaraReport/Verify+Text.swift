import MiaraValues

extension Verifier.Mismatch.Kind {
    /// The kind's words (the line's head) from the dictionary.
    public var phrase: Phrase {
        switch self {
        case .missingOutput: return VerifyText.missingOutput
        case .changedOutput: return VerifyText.changedOutput
        case .extraOutput: return VerifyText.extraOutput
        case .missingInput: return VerifyText.missingInput
        case .changedInput: return VerifyText.changedInput
        case .badManifest: return VerifyText.badManifest
        case .changedManifest: return VerifyText.changedManifest
        case .refusedPath: return VerifyText.refusedPath
        }
    }
}

/// Which payment service takes the platform's online payments, as an operator set it. Only
/// the key file's path is stored; the key itself stays in its file.
public struct PaymentProviderSettings: Sendable, Equatable {
  public enum Kind: String, Sendable { case sandbox, mollie }

  public var kind: Kind
  /// Absolute path of the Mollie API key file.
  public var keyFile: String?
  /// Where Mollie sends the payer after paying: a page that says "return to your terminal".
  public var redirectURL: String

  /// Mollie needs a redirect URL; this page only tells the payer to go back to the terminal.
  public static let defaultRedirectURL = "https://www.mollie.com/"

  public init(kind: Kind, keyFile: String? = nil, redirectURL: String = defaultRedirectURL) {
    self.kind = kind
    self.keyFile = keyFile
    self.redirectURL = redirectURL
  }
}

extension PaymentService {
  static let providerKey = "payments.provider"
  static let keyFileKey = "payments.mollie.key_file"
  static let redirectKey = "payments.mollie.redirect_url"

  /// Chooses the payment service (operators only). For Mollie the key file is checked now,
  /// ownership, mode and key format, so a bad file is refused here rather than at the first
  /// payment; the answer says whether it is a test or a live key.
  public func setPaymentProvider(_ settings: PaymentProviderSettings) throws -> MollieAPIKey.Mode? {
    var mode: MollieAPIKey.Mode?
    if settings.kind == .mollie {
      guard let path = settings.keyFile, path.hasPrefix("/") else {
        throw SaldoError.invalid(tr("give the key file as an absolute path: --api-key-file /PATH"))
      }
      guard Sanitize.validName(path, limit: 1000) else {
        throw SaldoError.invalid(tr("the key file path holds characters Saldo does not store"))
      }
      do { mode = try MollieKeyFile.read(path: path).mode } catch {
        throw SaldoError.forbidden(error.description)
      }
      guard settings.redirectURL.hasPrefix("https://"), settings.redirectURL.utf8.count <= 500,
        Sanitize.validName(settings.redirectURL, limit: 500), !settings.redirectURL.contains(" ")
      else {
        throw SaldoError.invalid(tr("--redirect-url must be an https:// address"))
      }
    }
    try store.write {
      try access.requireOperator(to: tr("choose the payment provider"))
      try store.setSetting(Self.providerKey, settings.kind.rawValue)
      if settings.kind == .mollie, let path = settings.keyFile {
        try store.setSetting(Self.keyFileKey, path)
        try store.setSetting(Self.redirectKey, settings.redirectURL)
      }
      // A new key or profile may have the methods Mollie refused before: ask again.
      for method in [PaymentMethod.ideal, .bancontact] {
        try store.setSetting(Self.refusedMethodKey(method), "")
      }
    }
    return mode
  }

  static func refusedMethodKey(_ method: PaymentMethod) -> String {
    "payments.mollie.refused." + method.rawValue
  }

  /// Why the configured remote provider cannot take `method`, as it last said (a method not
  /// activated on the Mollie profile); nil when nothing stands in the way. Read inside the
  /// caller's transaction.
  func remoteMethodRefusal(_ method: PaymentMethod) throws -> String? {
    guard try store.setting(Self.providerKey) == PaymentProviderSettings.Kind.mollie.rawValue,
      let detail = try store.setting(Self.refusedMethodKey(method)), !detail.isEmpty
    else { return nil }
    return tr(
      "not activated on the Mollie profile (\(detail)); an operator activates it in the"
        + " Mollie Dashboard, then runs `saldo payments provider set mollie` again")
  }

  /// Remembers Mollie's refusal of a method so the dialog shows it as unusable, with why.
  func rememberRefusal(of method: PaymentMethod, detail: String) throws {
    try store.write {
      try store.setSetting(
        Self.refusedMethodKey(method), detail.isEmpty ? "Mollie refused it" : detail)
    }
  }

  /// The payment service in use; the sandbox unless an operator chose another.
  /// The configured provider, for operators (`saldo payments provider show`).
  public func paymentProviderSettings() throws -> PaymentProviderSettings {
    try store.read {
      try access.requireOperator(to: tr("see the payment provider"))
      return try storedProviderSettings()
    }
  }

  /// The configured provider, for any front end that takes payments.
  func storedProviderSettings() throws -> PaymentProviderSettings {
    try store.read {
      let kind = try store.setting(Self.providerKey).flatMap(PaymentProviderSettings.Kind.init)
      guard kind == .mollie else { return PaymentProviderSettings(kind: .sandbox) }
      return PaymentProviderSettings(
        kind: .mollie, keyFile: try store.setting(Self.keyFileKey),
        redirectURL: try store.setting(Self.redirectKey)
          ?? PaymentProviderSettings.defaultRedirectURL)
    }
  }

  /// The provider top-ups and syncs use. `transport` and `baseURLOverride` come from the
  /// executable (libcurl, and the test-only `SALDO_MOLLIE_BASE_URL`). `interactive` is for the
  /// terminal interface, whose calls run on its loop: one short attempt each (8 s), because
  /// its next poll is the retry and the screen must not hang on a slow answer.
  public func paymentProvider(
    transport: @autoclosure () -> HTTPTransport, baseURLOverride: String?,
    interactive: Bool = false
  ) throws -> PaymentProvider {
    let settings = try storedProviderSettings()
    guard settings.kind == .mollie, let keyFile = settings.keyFile else {
      return SandboxPaymentProvider()
    }
    do {
      return try MollieProvider(
        keyFile: keyFile, redirectURL: settings.redirectURL, transport: transport(),
        baseURLOverride: baseURLOverride, retryDelays: interactive ? [] : [1_000, 4_000],
        timeoutSeconds: interactive ? 8 : 20)
    } catch let error as MollieKeyFile.Problem {
      throw SaldoError.forbidden(error.description)
    }
  }
}

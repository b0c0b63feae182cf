import Testing

@testable import SaldoCore

/// Three valid and three invalid VAT ids per country. The first valid id of a country is a
/// published example (VIES and tax administrations' documentation); the others were generated
/// with the country's check-digit rule and cross-checked with an independent implementation.
/// Invalid ids have the right shape and wrong check digits.
@Suite struct VATIDTests {
  static let table: [(String, [String], [String])] = [
    (
      "AT", ["ATU13585627", "ATU86091390", "ATU11471049"],
      ["ATU26018159", "ATU83016613", "ATU03082462"]
    ),
    (
      "BE", ["BE0417497106", "BE1033358519", "BE1165664737"],
      ["BE1304723459", "BE0160205731", "BE1587393373"]
    ),
    (
      "BG", ["BG175074752", "BG5520175905", "BG0790381750"],
      ["BG328999401", "BG744296585", "BG172999668"]
    ),
    (
      "CY", ["CY10259033P", "CY75708248Z", "CY92929585S"],
      ["CY75008845Y", "CY00292811L", "CY89340162U"]
    ),
    (
      "CZ", ["CZ25123891", "CZ7103192745", "CZ20003617"],
      ["CZ3359467038", "CZ627245383", "CZ55643266"]
    ),
    (
      "DE", ["DE136695976", "DE597358513", "DE643006256"],
      ["DE863610220", "DE914862219", "DE219590458"]
    ),
    (
      "DK", ["DK13585628", "DK37929344", "DK78155000"], ["DK50526850", "DK09741794", "DK12494642"]
    ),
    (
      "EE", ["EE100931558", "EE101959717", "EE107260439"],
      ["EE108308037", "EE105541658", "EE105502825"]
    ),
    (
      "EL", ["EL094259216", "EL768712880", "EL956644010"],
      ["EL905442120", "EL032067564", "EL163085190"]
    ),
    (
      "ES", ["ESA13585625", "ES90659276S", "ESB06588339"],
      ["ES20232646W", "ESM7204437T", "ESB95774811"]
    ),
    (
      "FI", ["FI20774740", "FI85900795", "FI60919529"], ["FI16064477", "FI11456527", "FI71960616"]
    ),
    (
      "FR", ["FR40303265045", "FR28000953289", "FR22000507669"],
      ["FR82707394921", "FR4A466781419", "FR42355692364"]
    ),
    (
      "HR", ["HR33392005961", "HR11930603290", "HR86077219751"],
      ["HR44646754619", "HR89664059032", "HR74174267521"]
    ),
    (
      "HU", ["HU12892312", "HU46658375", "HU74448678"], ["HU64601679", "HU29857697", "HU86086731"]
    ),
    (
      "IE", ["IE6388047V", "IE9216465SV", "IE0873026BA"],
      ["IE2301141W", "IE8628111YA", "IE4904730F"]
    ),
    (
      "IT", ["IT00743110157", "IT48317180486", "IT93857340314"],
      ["IT25720645954", "IT52441010913", "IT30380571378"]
    ),
    (
      "LT", ["LT119511515", "LT590465114", "LT132694612"],
      ["LT614123678", "LT732740652", "LT719264472565"]
    ),
    (
      "LU", ["LU15027442", "LU46374353", "LU81125419"], ["LU87011054", "LU80210701", "LU65436748"]
    ),
    (
      "LV", ["LV40003521600", "LV45620701548", "LV41072158723"],
      ["LV47761787366", "LV40559972492", "LV49133588161"]
    ),
    (
      "MT", ["MT11679112", "MT28608758", "MT72984489"], ["MT57974717", "MT78002660", "MT86659639"]
    ),
    (
      "NL", ["NL004495445B01", "NL916538576B54", "NL571062325B94"],
      ["NL101812136B52", "NL100065257B75", "NL746452532B38"]
    ),
    (
      "PL", ["PL8567346215", "PL6674336794", "PL3151448823"],
      ["PL0910474856", "PL5410839263", "PL1694678444"]
    ),
    (
      "PT", ["PT501964843", "PT478949545", "PT211924024"],
      ["PT125101452", "PT645434602", "PT049707215"]
    ),
    (
      "RO", ["RO18547290", "RO91181040", "RO40715284"],
      ["RO9418633461", "RO09214380", "RO63655376"]
    ),
    (
      "SE", ["SE556188840401", "SE079024780301", "SE972266472001"],
      ["SE201673556901", "SE889138049501", "SE192605103101"]
    ),
    (
      "SI", ["SI50223054", "SI74208268", "SI36634905"], ["SI21782025", "SI75543959", "SI59713764"]
    ),
    (
      "SK", ["SK2022749619", "SK0259221260", "SK2251153927"],
      ["SK6841508374", "SK0154290725", "SK8954524269"]
    ),
    (
      "XI", ["XI980780684", "XI679441199", "XI654383815"],
      ["XI171531059", "XI201739338", "XI239830122"]
    ),
    (
      "GB", ["GB980780684", "GB988142719", "GB945310982"],
      ["GB310070749", "GB354171918", "GB529097211"]
    ),
    (
      "CH", ["CHE116281710MWST", "CHE699205755MWST", "CHE061920579MWST"],
      ["CHE398259791MWST", "CHE907483378MWST", "CHE129040479MWST"]
    ),
    (
      "NO", ["NO974760673MVA", "NO883181808MVA", "NO139762851MVA"],
      ["NO667033849MVA", "NO163620558MVA", "NO417186159MVA"]
    ),
  ]

  @Test func everyMemberStateAndTheOthersAreCovered() {
    let prefixes = Set(Self.table.map(\.0))
    let members = [
      "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE",
      "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ]
    #expect(prefixes.isSuperset(of: members))
    #expect(prefixes.isSuperset(of: ["XI", "CH", "NO", "GB"]))
    #expect(prefixes == Set(VATFormat.prefixes))
  }

  @Test(arguments: table)
  func validAndInvalid(_ row: (String, [String], [String])) throws {
    let (prefix, valid, invalid) = row
    for text in valid {
      let id = try VATID.parse(text)
      #expect(id.value == text)
      #expect(id.prefix == prefix)
    }
    for text in invalid {
      #expect(throws: IdentifierError.self, "\(text) accepted") { try VATID.parse(text) }
    }
  }

  /// Every prefix with random digits and letters of every length a format has: never a
  /// crash, and what is accepted is accepted again in its normal form.
  @Test func randomInputNeverCrashesAndRoundTrips() throws {
    var generator = SeededRandom(seed: 16)
    let characters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+*-. ")
    var accepted = 0
    for format in VATFormat.all {
      for length in 0...16 {
        for _ in 0..<200 {
          let body = String(
            (0..<length).map { _ in
              characters[Int(generator.next() % UInt64(characters.count))]
            })
          if let id = try? VATID.parse(format.prefix + body) {
            accepted += 1
            #expect(try VATID.parse(id.value) == id)
          }
        }
      }
    }
    #expect(accepted > 0)
  }

  @Test func normalised() throws {
    #expect(try VATID.parse("be 0417.497.106").value == "BE0417497106")
    #expect(try VATID.parse("BE417497106").value == "BE0417497106")
    #expect(try VATID.parse("de-136 695 976").value == "DE136695976")
    #expect(try VATID.parse("GR094259216").value == "EL094259216")
    #expect(try VATID.parse("el094259216").country == "GR")
    #expect(try VATID.parse("CHE-116.281.710 MWST").value == "CHE116281710MWST")
    #expect(try VATID.parse("CHE-116.281.710").value == "CHE116281710MWST")
    #expect(try VATID.parse("NO 974 760 673").value == "NO974760673MVA")
    #expect(try VATID.parse("xi980780684").country == "GB")
  }

  @Test func messagesNameTheCountrysFormat() {
    #expect(
      throws: IdentifierError.vatFormat(
        country: "German", format: "DE and 9 digits", example: "DE136695976")
    ) { try VATID.parse("DE13669597") }
    #expect(throws: IdentifierError.vatCheckDigits(country: "Belgian", example: "BE0417497106")) {
      try VATID.parse("BE0417497107")
    }
    #expect(throws: IdentifierError.unsupportedVATCountry("US")) { try VATID.parse("US123456789") }
    for text in [
      "", "BE", "BE0417497106\u{0}", "BE0417497106<b>", String(repeating: "1", count: 300),
    ] {
      do {
        _ = try VATID.parse(text)
        Issue.record("accepted \(text.debugDescription)")
      } catch {
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("\u{0}"))
      }
    }
    #expect(
      IdentifierError.vatFormat(
        country: "French",
        format: "FR, a 2-character key and the"
          + " 9-digit SIREN", example: "FR40303265045"
      ).description
        == "a French VAT id is FR, a 2-character key and the 9-digit SIREN, e.g. FR40303265045")
  }
}

/// The registration schemes of the customers' countries, three valid and three invalid each.
@Suite struct RegistrationSchemeTests {
  static let table: [(String, [String], [String])] = [
    (
      "0208", ["0417497106", "0417.497.106", "1033358519"],
      ["0417497107", "041749710", "04174971AB"]
    ),
    (
      "0204", ["04011000-1234512345-06", "991-33333TEST-33", "05315000-55"],
      ["04011000-1234512345-07", "1-12345-06", "04011000-1234512345"]
    ),
    (
      "9930", ["DE136695976", "de 136 695 976", "DE597358513"],
      ["DE136695977", "BE0417497106", "DE13669597"]
    ),
    ("0002", ["303265045", "732829320", "542051180"], ["303265046", "30326504", "30326504A"]),
    (
      "0009", ["30326504500011", "30326504500003", "35600000000048"],
      ["30326504500018", "3032650450001", "3032650450001A"]
    ),
    ("0184", ["13585628", "37929344", "78155000"], ["13585629", "1358562", "1358562A"]),
    (
      "0088", ["5790000435975", "4000001000005", "8712345000004"],
      ["5790000435976", "579000043597", "57900004359A5"]
    ),
    ("0106", ["12345678", "87654321", "00000001"], ["1234567", "123456789", "1234567a"]),
  ]

  @Test(arguments: table)
  func validAndInvalid(_ row: (String, [String], [String])) throws {
    let (scheme, valid, invalid) = row
    for text in valid {
      #expect(try PeppolParticipantID.parse(scheme + ":" + text).scheme == scheme)
    }
    for text in invalid {
      #expect(throws: IdentifierError.self, "\(scheme):\(text) accepted") {
        try PeppolParticipantID.parse(scheme + ":" + text)
      }
    }
  }

  @Test func otherSchemesOfTheCodeListTakeTheirDocumentedSyntax() throws {
    #expect(try PeppolParticipantID.parse("0151:47555222000").value == "47555222000")
    #expect(throws: IdentifierError.self) { try PeppolParticipantID.parse("0151:a b") }
    #expect(throws: IdentifierError.self) { try PeppolParticipantID.parse("1234:5678") }
  }
}

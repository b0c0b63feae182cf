/// Text as SEPA files may carry it.
///
/// The EPC's implementation guidelines allow only a basic Latin set in SEPA messages: `a–z A–Z
/// 0–9 / - ? : ( ) . , ' +` and space. Banks reject or silently mangle anything else, so free
/// text (names, remittance information) is transliterated here, predictably and in one place.
public enum SEPAText {
  /// The largest name the EPC guidelines allow (the schema itself would allow 140).
  public static let nameLimit = 70
  /// The largest unstructured remittance information.
  public static let remittanceLimit = 140
  /// The largest identifier (message, payment, end-to-end and mandate ids).
  public static let identifierLimit = 35

  /// Converts text to the SEPA character set and cuts it to `limit` characters.
  ///
  /// Accented Latin letters lose their accents (`é` → `e`), ligatures and special letters are
  /// spelled out (`ß` → `ss`, `Æ` → `AE`), common punctuation gets its nearest allowed cousin
  /// (`&` → `+`, `"` → `'`, `<` → `(`, `@` → `(at)`), combining marks and invisible characters
  /// vanish, and everything else (other scripts, emoji, controls) becomes a space. Runs of
  /// spaces are collapsed and the result trimmed, so the answer may be empty.
  public static func latin(_ text: String, limit: Int) -> String {
    var out = ""
    out.reserveCapacity(min(text.utf8.count, limit + 8))
    var pendingSpace = false
    var count = 0
    scan: for scalar in greekDigraphs(text) {
      for piece in replacement(for: scalar).unicodeScalars {
        if piece == " " {
          pendingSpace = count > 0
          continue
        }
        if pendingSpace {
          if count + 1 >= limit { break scan }
          out.unicodeScalars.append(" ")
          count += 1
          pendingSpace = false
        }
        if count >= limit { break scan }
        out.unicodeScalars.append(piece)
        count += 1
      }
    }
    return out
  }

  /// Whether every character is in the SEPA set.
  public static func isRestrictedLatin(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy(isAllowed)
  }

  /// Escapes text for an XML element or attribute value.
  static func xmlEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x61...0x7A, 0x41...0x5A, 0x30...0x39: return true
    default: return allowedPunctuation.contains(scalar)
    }
  }

  private static let allowedPunctuation: Set<Unicode.Scalar> = [
    "/", "-", "?", ":", "(", ")", ".", ",", "'", "+", " ",
  ]

  /// What a single scalar becomes: itself, a spelled-out form, "" (dropped) or " ".
  private static func replacement(for scalar: Unicode.Scalar) -> String {
    if isAllowed(scalar) { return String(scalar) }
    let value = scalar.value
    switch value {
    case 0xC0...0xFF: return latin1[Int(value - 0xC0)]
    case 0x100...0x17F: return latinExtendedA[Int(value - 0x100)]
    case 0x300...0x36F, 0x200B...0x200D, 0x2060, 0xFEFF, 0xFE00...0xFE0F, 0xAD:
      return ""  // combining marks, zero-width and soft-hyphen characters: invisible anyway
    case 0x386...0x3CE:
      if let spelled = greek[scalar] { return spelled }
    case 0x400...0x45F:
      if let spelled = cyrillic[scalar] { return spelled }
    case 0x218: return "S"
    case 0x219: return "s"
    case 0x21A: return "T"
    case 0x21B: return "t"
    case 0x2018...0x201F, 0xAB, 0xBB, 0xB4, 0x60: return "'"
    case 0x2010...0x2015, 0x2212: return "-"
    case 0x2026: return "..."
    case 0x20AC: return "EUR"
    default: break
    }
    switch scalar {
    case "&": return "+"
    case "\"": return "'"
    case "<", "[", "{": return "("
    case ">", "]", "}": return ")"
    case "_": return "-"
    case "\\": return "/"
    case ";": return ","
    case "!": return "."
    case "@": return "(at)"
    default: return " "
    }
  }

  /// Greek ου is one sound, spelled "ou" (ELOT 743); every other letter maps on its own.
  private static func greekDigraphs(_ text: String) -> [Unicode.Scalar] {
    let scalars = Array(text.unicodeScalars)
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(scalars.count)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if index + 1 < scalars.count, "οΟόΌ".unicodeScalars.contains(scalar),
        "υΥύΎ".unicodeScalars.contains(scalars[index + 1])
      {
        let upper = scalar == "Ο" || scalar == "Ό"
        let nextUpper = scalars[index + 1] == "Υ" || scalars[index + 1] == "Ύ"
        out.append(upper ? "O" : "o")
        out.append(nextUpper ? "U" : "u")
        index += 2
        continue
      }
      out.append(scalar)
      index += 1
    }
    return out
  }

  // Greek by ELOT 743 (the Greek passport standard), simplified to one spelling per letter.
  private static let greek: [Unicode.Scalar: String] = {
    let pairs =
      "Α A Β V Γ G Δ D Ε E Ζ Z Η I Θ Th Ι I Κ K Λ L Μ M Ν N Ξ X Ο O Π P Ρ R Σ S Τ T Υ Y Φ F "
      + "Χ Ch Ψ Ps Ω O Ά A Έ E Ή I Ί I Ό O Ύ Y Ώ O Ϊ I Ϋ Y "
      + "α a β v γ g δ d ε e ζ z η i θ th ι i κ k λ l μ m ν n ξ x ο o π p ρ r σ s ς s τ t "
      + "υ y φ f χ ch ψ ps ω o ά a έ e ή i ί i ό o ύ y ώ o ϊ i ϋ y ΐ i ΰ y"
    return table(pairs)
  }()

  // Cyrillic by ICAO Doc 9303 (the transliteration in machine-readable passports), with
  // digraphs of capitals in title case so mixed-case names read naturally.
  private static let cyrillic: [Unicode.Scalar: String] = {
    let pairs =
      "А A Б B В V Г G Д D Е E Ж Zh З Z И I Й I К K Л L М M Н N О O П P Р R С S Т T У U "
      + "Ф F Х Kh Ц Ts Ч Ch Ш Sh Щ Shch Ъ Ie Ы Y Ь - Э E Ю Iu Я Ia Ё E Є Ie І I Ї I Ґ G "
      + "Ђ D Ј J Љ Lj Њ Nj Ћ C Џ Dz Ѓ G Ќ K Ѕ Dz Ў U "
      + "а a б b в v г g д d е e ж zh з z и i й i к k л l м m н n о o п p р r с s т t у u "
      + "ф f х kh ц ts ч ch ш sh щ shch ъ ie ы y ь - э e ю iu я ia ё e є ie і i ї i ґ g "
      + "ђ d ј j љ lj њ nj ћ c џ dz ѓ g ќ k ѕ dz ў u"
    return table(pairs)
  }()

  /// Pairs "letter spelling …"; a spelling of "-" means the letter is dropped.
  private static func table(_ pairs: String) -> [Unicode.Scalar: String] {
    let words = pairs.split(separator: " ")
    var result: [Unicode.Scalar: String] = [:]
    for index in stride(from: 0, to: words.count - 1, by: 2) {
      guard let scalar = words[index].unicodeScalars.first else { continue }
      result[scalar] = words[index + 1] == "-" ? "" : String(words[index + 1])
    }
    return result
  }

  // U+00C0…U+00FF: À…ÿ, with × as x and ÷ as /.
  private static let latin1: [String] =
    ("A A A A A A AE C E E E E I I I I D N O O O O O x O U U U U Y TH ss "
    + "a a a a a a ae c e e e e i i i i d n o o o o o / o u u u u y th y")
    .split(separator: " ").map(String.init)

  // U+0100…U+017F: Ā…ſ.
  private static let latinExtendedA: [String] =
    ("A a A a A a C c C c C c C c D d D d E e E e E e E e E e G g G g G g G g H h H h "
    + "I i I i I i I i I i IJ ij J j K k k L l L l L l L l L l N n N n N n 'n N n "
    + "O o O o O o OE oe R r R r R r S s S s S s S s T t T t T t U u U u U u U u U u U u "
    + "W w Y y Y Z z Z z Z z s")
    .split(separator: " ").map(String.init)
}

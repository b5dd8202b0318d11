/// Where a number belongs, said as each language says it of a number: Norwegian, Swedish and Danish put the
/// country's adjective before the noun (“et norsk kortnummer”, “ett svenskt nummer”), Finnish the country's
/// genitive (“Norjan lyhytnumero”). Both are written out for the countries an agent in Puzzel's markets calls
/// most; any other country goes by its CLDR name, after “i” or “på” (the islands) in the Nordic languages and
/// in brackets in Finnish, whose cases a name cannot be put into without knowing the word.
struct NumberPlace {
    /// The region's ISO code (`NO`), `001` for an international service, nil for a country code alone.
    let region: String?
    let countryCode: Int

    /// `noun` placed: “norsk fastnettnummer”, “fastnettnummer på Kypros”, “Norjan lankapuhelinnumero”; no article,
    /// no capital. Swedish adjectives agree with the noun: `neuter` for an ett-word (“nummer”).
    func phrase(_ noun: String, in language: Language, neuter: Bool = true) -> String {
        switch (region, language) {
        case (nil, .english): "\(noun) with country code +\(countryCode)"
        case ("001", .english): "\(noun) of the international service +\(countryCode)"
        case (_, .english): "\(noun) in \(english)"
        case (nil, .norwegian): "\(noun) med landskode +\(countryCode)"
        case (nil, .swedish): "\(noun) med landsnummer +\(countryCode)"
        case (nil, .danish): "\(noun) med landekode +\(countryCode)"
        case (nil, .finnish): "maatunnuksen +\(countryCode) \(noun)"
        case ("001", .norwegian): "\(noun) i den internasjonale tjenesten +\(countryCode)"
        case ("001", .swedish): "\(noun) i den internationella tjänsten +\(countryCode)"
        case ("001", .danish): "\(noun) i den internationale tjeneste +\(countryCode)"
        case ("001", .finnish): "kansainvälisen palvelun +\(countryCode) \(noun)"
        case (let region?, .finnish):
            if let genitive = CountryWords.of(region)?.finnishGenitive {
                "\(genitive) \(noun)"
            } else {
                "\(noun) (\(name(region, .finnish)))"
            }
        case (let region?, _):
            if let adjective = CountryWords.of(region)?.adjective(in: language, neuter: neuter) {
                "\(adjective) \(noun)"
            } else {
                "\(noun) \(Self.preposition(for: region, in: language)) \(name(region, language))"
            }
        }
    }

    /// English, after “in” or “of”: “Norway”, “the United Kingdom”, “country code +882”.
    var english: String {
        switch region {
        case nil: "country code +\(countryCode)"
        case "001": "the international service +\(countryCode)"
        case let region?: name(region, .english)
        }
    }

    private func name(_ region: String, _ language: Language) -> String {
        CountryName.of(region, in: language) ?? region
    }

    /// “på” for islands and archipelagos (“på Kypros”, “på Jamaica”), “i” for the rest; Danish says “i Grønland”.
    private static func preposition(for region: String, in language: Language) -> String {
        if language == .danish, region == "GL" { return "i" }
        return islands.contains(region) ? "på" : "i"
    }

    private static let islands: Set<String> = [
        "AC", "AG", "AI", "AW", "AX", "BB", "BL", "BM", "BS", "CC", "CK", "CU", "CV", "CW", "CX", "CY", "DM", "FJ",
        "FK", "FO", "GD", "GG", "GL", "GP", "GU", "HT", "IM", "IS", "JE", "JM", "KI", "KM", "KN", "KY", "LC", "LK",
        "MF", "MG", "MH", "MP", "MQ", "MS", "MT", "MU", "MV", "NC", "NF", "NR", "NU", "PF", "PH", "PM", "PR", "PW",
        "RE", "SB", "SC", "SH", "SJ", "ST", "SX", "TA", "TC", "TK", "TO", "TT", "TV", "TW", "VC", "VG", "VI", "VU",
        "WF", "WS", "YT",
    ]
}

/// A country's adjective in Norwegian, Swedish and Danish (the common-gender form: Swedish adds `t` for an
/// ett-word, and the `-sk` adjectives of Norwegian and Danish take none) and its genitive in Finnish.
struct CountryWords {
    let norwegian: String
    let swedish: String
    let danish: String
    let finnishGenitive: String

    func adjective(in language: Language, neuter: Bool) -> String? {
        switch language {
        case .norwegian: norwegian
        case .swedish: neuter ? swedish + "t" : swedish
        case .danish: danish
        case .english, .finnish: nil
        }
    }

    static func of(_ region: String) -> CountryWords? {
        guard let words = table[region]?.split(separator: " ").map(String.init), words.count == 4 else { return nil }
        return CountryWords(norwegian: words[0], swedish: words[1], danish: words[2], finnishGenitive: words[3])
    }

    /// nb, sv, da, fi: the Nordic and Baltic countries, their neighbours, and the countries most called from them.
    private static let table: [String: String] = [
        "NO": "norsk norsk norsk Norjan", "SE": "svensk svensk svensk Ruotsin", "DK": "dansk dansk dansk Tanskan",
        "FI": "finsk finländsk finsk Suomen", "IS": "islandsk isländsk islandsk Islannin",
        "FO": "færøysk färöisk færøsk Färsaarten", "GL": "grønlandsk grönländsk grønlandsk Grönlannin",
        "AX": "ålandsk åländsk ålandsk Ahvenanmaan", "EE": "estisk estnisk estisk Viron",
        "LV": "latvisk lettisk lettisk Latvian", "LT": "litauisk litauisk litauisk Liettuan",
        "DE": "tysk tysk tysk Saksan", "GB": "britisk brittisk britisk Ison-Britannian",
        "IE": "irsk irländsk irsk Irlannin", "US": "amerikansk amerikansk amerikansk Yhdysvaltojen",
        "CA": "kanadisk kanadensisk canadisk Kanadan", "NL": "nederlandsk nederländsk nederlandsk Alankomaiden",
        "BE": "belgisk belgisk belgisk Belgian", "LU": "luxembourgsk luxemburgsk luxembourgsk Luxemburgin",
        "FR": "fransk fransk fransk Ranskan", "ES": "spansk spansk spansk Espanjan",
        "PT": "portugisisk portugisisk portugisisk Portugalin", "IT": "italiensk italiensk italiensk Italian",
        "CH": "sveitsisk schweizisk schweizisk Sveitsin", "AT": "østerriksk österrikisk østrigsk Itävallan",
        "PL": "polsk polsk polsk Puolan", "CZ": "tsjekkisk tjeckisk tjekkisk Tšekin",
        "SK": "slovakisk slovakisk slovakisk Slovakian", "HU": "ungarsk ungersk ungarsk Unkarin",
        "RO": "rumensk rumänsk rumænsk Romanian", "BG": "bulgarsk bulgarisk bulgarsk Bulgarian",
        "HR": "kroatisk kroatisk kroatisk Kroatian", "SI": "slovensk slovensk slovensk Slovenian",
        "RS": "serbisk serbisk serbisk Serbian", "GR": "gresk grekisk græsk Kreikan",
        "CY": "kypriotisk cypriotisk cypriotisk Kyproksen", "MT": "maltesisk maltesisk maltesisk Maltan",
        "TR": "tyrkisk turkisk tyrkisk Turkin", "UA": "ukrainsk ukrainsk ukrainsk Ukrainan",
        "RU": "russisk rysk russisk Venäjän", "IL": "israelsk israelisk israelsk Israelin",
        "IN": "indisk indisk indisk Intian", "CN": "kinesisk kinesisk kinesisk Kiinan",
        "JP": "japansk japansk japansk Japanin", "TH": "thailandsk thailändsk thailandsk Thaimaan",
        "VN": "vietnamesisk vietnamesisk vietnamesisk Vietnamin", "PH": "filippinsk filippinsk filippinsk Filippiinien",
        "PK": "pakistansk pakistansk pakistansk Pakistanin", "AF": "afghansk afghansk afghansk Afganistanin",
        "IQ": "irakisk irakisk irakisk Irakin", "IR": "iransk iransk iransk Iranin",
        "SY": "syrisk syrisk syrisk Syyrian",
        "SO": "somalisk somalisk somalisk Somalian", "ER": "eritreisk eritreansk eritreisk Eritrean",
        "ET": "etiopisk etiopisk etiopisk Etiopian", "AU": "australsk australisk australsk Australian",
        "NZ": "newzealandsk nyzeeländsk newzealandsk Uuden-Seelannin",
        "BR": "brasiliansk brasiliansk brasiliansk Brasilian", "MX": "meksikansk mexikansk mexicansk Meksikon",
        "ZA": "sørafrikansk sydafrikansk sydafrikansk Etelä-Afrikan",
    ]
}

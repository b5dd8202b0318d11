import FoundationEssentials

/// How the agent's locale writes a date and a time: the order of day, month and year, and a 12- or
/// 24-hour clock. Written without ICU (which the program does not link), for the locales of Puzzel's
/// markets and English; any other locale gets the unambiguous ISO order and a 24-hour clock.
package struct DateStyle: Sendable, Equatable {
    enum Order: Sendable, Equatable {
        /// `29.11.2026` (nb, da, fi, de) or `29/11/2026` (en outside North America).
        case dayMonthYear(separator: String)
        /// `11/29/2026` (en_US).
        case monthDayYear
        /// `2026-11-29` (sv, ISO 8601, C).
        case yearMonthDay
    }

    let order: Order
    let twelveHourClock: Bool

    /// The style of `LC_ALL`, `LC_TIME` or `LANG`, the first of them that is set.
    package static func preferred(in environment: [String: String]) -> DateStyle {
        guard let locale = LocaleName.time(in: environment), !locale.isPlain else { return .iso }
        switch (locale.language, locale.territory) {
        case ("en", "US"), ("en", "PH"): return DateStyle(order: .monthDayYear, twelveHourClock: true)
        case ("en", "CA"), ("en", "AU"), ("en", "NZ"), ("en", "IN"):
            return DateStyle(order: .dayMonthYear(separator: "/"), twelveHourClock: true)
        // English of no country in particular: the unambiguous order.
        case ("en", nil): return .iso
        case ("en", _): return DateStyle(order: .dayMonthYear(separator: "/"), twelveHourClock: false)
        case ("sv", _), ("lt", _): return .iso
        case ("nb", _), ("nn", _), ("no", _), ("da", _), ("fi", _), ("de", _), ("is", _), ("et", _), ("pl", _),
            ("ru", _):
            return DateStyle(order: .dayMonthYear(separator: "."), twelveHourClock: false)
        default: return .iso
        }
    }

    /// `2026-11-29 08:43`.
    package static let iso = DateStyle(order: .yearMonthDay, twelveHourClock: false)

    /// The date and the time to the minute, in `zone`: `29.11.2026 08:43`, `11/29/2026 8:43 AM`.
    package func string(from date: Date, in zone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let (year, month, day) = (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        let (hour, minute) = (parts.hour ?? 0, parts.minute ?? 0)
        let date =
            switch order {
            case .dayMonthYear(let separator): "\(Self.two(day))\(separator)\(Self.two(month))\(separator)\(year)"
            case .monthDayYear: "\(Self.two(month))/\(Self.two(day))/\(year)"
            case .yearMonthDay: "\(year)-\(Self.two(month))-\(Self.two(day))"
            }
        guard twelveHourClock else { return "\(date) \(Self.two(hour)):\(Self.two(minute))" }
        let clockHour = hour % 12 == 0 ? 12 : hour % 12
        return "\(date) \(clockHour):\(Self.two(minute)) \(hour < 12 ? "AM" : "PM")"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

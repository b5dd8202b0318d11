import Synchronization

/// What libphonenumber's short-number metadata (its ShortNumberInfo) knows of a number dialled within a region: an
/// emergency number, or a short code with its cost and kind.
///
/// A class so that `PhoneNumber`, copied on every read and rarely a short number, carries one pointer for it.
package final class ShortNumber: Sendable, Equatable {
    /// What calling the short code costs (libphonenumber's ShortNumberCost).
    package enum Cost: String, Sendable {
        case tollFree = "toll-free"
        case standardRate = "standard-rate"
        case premiumRate = "premium-rate"
        case unknown
    }

    /// The digits as dialled within the region, e.g. `112`.
    package let digits: String
    /// The ISO 3166 region whose metadata lists the number.
    package let region: String
    package let isEmergency: Bool
    package let cost: Cost
    /// Reached only on some carriers' networks.
    package let isCarrierSpecific: Bool
    /// A number for text messages.
    package let isSMSService: Bool

    init(digits: String, region: String, isEmergency: Bool, cost: Cost, isCarrierSpecific: Bool, isSMSService: Bool) {
        self.digits = digits
        self.region = region
        self.isEmergency = isEmergency
        self.cost = cost
        self.isCarrierSpecific = isCarrierSpecific
        self.isSMSService = isSMSService
    }

    package static func == (left: ShortNumber, right: ShortNumber) -> Bool {
        (left.digits, left.region, left.isEmergency, left.cost, left.isCarrierSpecific, left.isSMSService)
            == (right.digits, right.region, right.isEmergency, right.cost, right.isCarrierSpecific, right.isSMSService)
    }

    /// What the metadata knows of a short code that is not an emergency number, e.g. `premium-rate, SMS`.
    package var kinds: [String] {
        var kinds = cost == .unknown ? [] : [cost.rawValue]
        if isCarrierSpecific { kinds.append("carrier-specific") }
        if isSMSService { kinds.append("SMS") }
        return kinds
    }
}

/// One region's short-number metadata (a record of `ShortNumberTable`).
final class ShortNumberRegion: Sendable {
    let region: String
    private let general: NumberDescription?
    private let emergency: NumberDescription?
    private let tollFree: NumberDescription?
    private let standardRate: NumberDescription?
    private let premiumRate: NumberDescription?
    private let shortCode: NumberDescription?
    private let carrierSpecific: NumberDescription?
    private let smsServices: NumberDescription?

    init(region: String, record: String) {
        let fields = record[...].fields(separatedBy: ";").map(NumberDescription.init(record:))
        self.region = region
        (general, emergency, tollFree, standardRate) = (fields[0], fields[1], fields[2], fields[3])
        (premiumRate, shortCode, carrierSpecific, smsServices) = (fields[4], fields[5], fields[6], fields[7])
    }

    /// libphonenumber's isEmergencyNumber: the whole of `digits` is one of the region's emergency numbers (its
    /// pattern alone decides; lengths are not checked).
    func isEmergency(_ digits: [UInt8]) -> Bool { emergency?.pattern.matchesWhole(digits) ?? false }

    /// libphonenumber's isValidShortNumberForRegion: `digits` are one of the region's short codes.
    func isShortCode(_ digits: [UInt8]) -> Bool { matches(general, digits) && matches(shortCode, digits) }

    /// What the metadata knows of `digits` dialled in the region: nil when it is neither an emergency number nor one
    /// of the region's short codes.
    func shortNumber(_ digits: [UInt8]) -> ShortNumber? {
        let isEmergency = isEmergency(digits)
        guard isEmergency || isShortCode(digits) else { return nil }
        return ShortNumber(
            digits: String(decoding: digits, as: UTF8.self), region: region, isEmergency: isEmergency,
            cost: cost(of: digits), isCarrierSpecific: isCarrierSpecific(digits), isSMSService: isSMSService(digits))
    }

    /// libphonenumber's isCarrierSpecificForRegion.
    func isCarrierSpecific(_ digits: [UInt8]) -> Bool { matches(general, digits) && matches(carrierSpecific, digits) }

    /// libphonenumber's isSmsServiceForRegion.
    func isSMSService(_ digits: [UInt8]) -> Bool { matches(general, digits) && matches(smsServices, digits) }

    /// libphonenumber's expectedCostForRegion: the dearest category that fits, and an emergency number is free.
    func cost(of digits: [UInt8]) -> ShortNumber.Cost {
        guard general?.lengths?.contains(digits.count) == true else { return .unknown }
        if matches(premiumRate, digits) { return .premiumRate }
        if matches(standardRate, digits) { return .standardRate }
        if matches(tollFree, digits) || isEmergency(digits) { return .tollFree }
        return .unknown
    }

    private func matches(_ description: NumberDescription?, _ digits: [UInt8]) -> Bool {
        description?.matches(digits) ?? false
    }
}

/// The regions' short-number metadata, each decoded the first time a number needs it, once per process.
final class ShortNumberStore: Sendable {
    static let shared = ShortNumberStore()

    private let decoded = Mutex([String: ShortNumberRegion?]())

    func region(_ region: String) -> ShortNumberRegion? {
        decoded.withLock { decoded in
            if let known = decoded[region] { return known }
            let found = ShortNumberTable.record(region).map { ShortNumberRegion(region: region, record: $0) }
            decoded[region] = found
            return found
        }
    }

    /// What the metadata knows of `digits` (a national significant number) in the regions of a calling code, an
    /// emergency number first.
    func shortNumber(_ digits: [UInt8], in regions: [String]) -> ShortNumber? {
        let found = regions.compactMap { self.region($0)?.shortNumber(digits) }
        return found.first(where: \.isEmergency) ?? found.first
    }

    /// The first region, if any, where `digits` dialled on their own are an emergency number: how `112` typed
    /// without a country is recognised.
    func emergencyRegion(of digits: [UInt8], among regions: [String]) -> String? {
        regions.first { self.region($0)?.isEmergency(digits) == true }
    }
}

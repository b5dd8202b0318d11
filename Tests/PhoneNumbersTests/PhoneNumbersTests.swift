import Testing
@testable import PhoneNumbers

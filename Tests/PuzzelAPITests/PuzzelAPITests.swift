import Testing
@testable import PuzzelAPI

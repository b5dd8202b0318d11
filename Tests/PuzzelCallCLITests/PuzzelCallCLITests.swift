import Testing
@testable import PuzzelCallCLI

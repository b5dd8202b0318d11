import PuzzelCallCLI

await PuzzelCall.main()

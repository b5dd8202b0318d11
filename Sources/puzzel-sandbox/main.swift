print("puzzel-sandbox: not yet available")

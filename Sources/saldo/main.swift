import SaldoCore

print("saldo")

import SaldoCore

public enum Fixtures {}

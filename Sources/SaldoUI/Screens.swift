import SaldoCore
import Terminal

public enum SaldoScreens {}

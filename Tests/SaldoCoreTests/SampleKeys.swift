import Testing

@testable import SaldoCore

/// Public keys made with ssh-keygen (OpenSSH 9.2); fingerprints as `ssh-keygen -l` printed them.
enum SampleKeys {
  static let ed25519 =
    "ssh-ed25519 " + "AAAAC3NzaC1lZDI1NTE5AAAAIGOcaqqI2pXkXWmdIyW432Y5iDgbTFwbobaSSut65xkc"
  static let ed25519Fingerprint = "SHA256:Aj3PKzwmB0llqPIQcwgG4ZCyg+3beg/6FUoC8Ei1hMY"
  static let rsa3072 =
    "ssh-rsa "
    + "AAAAB3NzaC1yc2EAAAADAQABAAABgQCwHBzK4fNLj6CXdcMQLzQ7oI6scKxycaLwU5u52hC8xaTSXJZPVN/xamCD"
    + "mOnFcniBO4DufCILkzaMo5iRug7kF3lRAMAjOTP2rWvac65P9kD/QndSWbPjcUGR1t/kfKAKraOqStvHLAMRxWGX"
    + "h/ANx9Z8E52H+Ykmlm6nVvUYD2Z15+BsNk98XTo8ucW+gUOxKlzfwBKZuCPnK/iUXndHekei5/pPW34oBXjgb1iB"
    + "VI1ZpmCxwhouARkJuire2yChZC+Bm+tx4RInF00CfvYYya+aVAGGIUmNuaq+52j4aGBGY7wAX0tS9L8KWkCssmvS"
    + "AaZ3ev8SAqyiOO0kpAJptbn/9CgEkVIn8Dc7Q7CoL/IEXRZIyozNLRK9vyHYMlqioGbFI5lNObtaLhMsaozOz50t"
    + "TJmbawuPGLhBygm7IaxAlHw6LcMI+7UG8n7eF+zl4n35XDfFUHVX+20IHidxQKOcd8TXR7SIrbEXqiIE2bH0lGMG"
    + "bQMEA1S8MJZeie0="
  static let rsa3072Fingerprint = "SHA256:H4jHhvmsM4+t+ibDRlxO+n43St+bk/o9K7ObpfLcQG4"
  static let ecdsa521 =
    "ecdsa-sha2-nistp521 "
    + "AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAC1iCnDhtVKG/HzIxKa0F3x7i5rqZhar4Mw"
    + "cjIlgKgZl9TAPI0EO4Z+IrFU9TgXb7ldXHcV3+UG1ZVT9oXg1/AdZgCgbHBeYZWmLugV1kl53OOozCiX9cE27Xs3"
    + "RZg9m6FI041tod0HbP4k6PAFkvZSYN8RI0L4OwnfMjVPP7GtfNmFPw=="
  static let ecdsa521Fingerprint = "SHA256:a77HN8+0HOuB6BIa1J73GH8nd754/O2+BgVWXJOdp3g"
  static let ecdsa256 =
    "ecdsa-sha2-nistp256 "
    + "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBAw8ijDX31LvMLEl6YN5w5nd+/A7gMi1CLCQ"
    + "ng6gzbmjjLKbJ60n9RBY2tE9l6T3L8W1P0v8se7FFn75nd8pdJA="
  static let ecdsa256Fingerprint = "SHA256:1pG88Xjh8Vi1DAPzVgpUCqLDzB7ouUy2zOWJdwPHsxE"
  static let rsa2048 =
    "ssh-rsa "
    + "AAAAB3NzaC1yc2EAAAADAQABAAABAQC3nTrLjNUa9AMih29F34uGYOB81n3fH4s+T2xk+JYquWr64kf7GlADydb5"
    + "LL3mecEjuPrCWos2OZDrnmvikK47FCrThGjD89YmeF1e8y/C+1IYRN66a7/hpyuozXcOFM4q6Vxw1ZXd3sq9cMBY"
    + "O0gjiwW6N2/VtoGasCsiMChr6KVpZDSEva+k0xkT1n7f3JB98RAQSoBI2JVcVHRFR3xJ11EuRz1HciVJe7SSnATA"
    + "ukfEiZUm3gfdcgM7tOCwI2MbjtkTuCzte3y5KRWwYCpR+LpfzWYaITB7rscpUOJvMZKIPiMbFryuF7XTyolPWICs"
    + "jHfHwZtkqeKbSo2AOj91"
}

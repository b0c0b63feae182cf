/// The `themes/*.theme` files, built into the binary so a release finds every theme wherever
/// it is installed. The files stay the source of truth: a test keeps this table equal to them
/// (regenerate it by pasting the files when one changes). A file of the same name in a
/// theme folder (`$XDG_DATA_HOME/saldo/themes`) overrides the built-in one.
enum EmbeddedThemes {
  static let files: [String: String] = [
    "dark": """
    # Saldo colour theme.
    #
    # Format: one role per line,
    #   role = FOREGROUND [on BACKGROUND] [bold] [underline] [reverse] [dim]
    # plus an optional `inherit = NAME` line to start from another theme (NAME.theme in the
    # same search folders, or the built-in default/monochrome). `#` starts a comment; blank
    # lines are ignored. Colours: default (the terminal's own), black, red, green, yellow, blue,
    # magenta, cyan, white, bright-black ... bright-white, grey, orange, or a number 0-255 from
    # the 256-colour palette. On 8-colour terminals every colour becomes the nearest of the
    # basic eight (orange becomes yellow). Roles: normal muted header title border selection
    # focus accent button button-focused disabled error warning success balance-healthy
    # balance-low balance-negative chart-bar chart-need unread link sandbox input
    # input-focused help. Every role must be set here or in the inherited theme.

    # For dark backgrounds: brighter foregrounds and 256-colour tones.
    inherit = default

    normal = 252
    muted = 244
    header = 16 on 31 bold
    title = bright-white bold
    border = 67
    selection = 16 on 74
    focus = 221 bold
    help = 110

    accent = 16 on 208 bold
    button = 16 on 250
    button-focused = bright-white on 25 bold
    disabled = 240

    error = 203 bold
    warning = 221 bold
    success = 114 bold

    balance-healthy = 114 bold
    balance-low = 214 bold
    balance-negative = 203 bold
    chart-bar = 74
    chart-need = 176 bold

    link = 75 underline
    sandbox = 16 on 176 bold
    input-focused = bright-white on 24
    """,
    "default": """
    # Saldo colour theme.
    #
    # Format: one role per line,
    #   role = FOREGROUND [on BACKGROUND] [bold] [underline] [reverse] [dim]
    # plus an optional `inherit = NAME` line to start from another theme (NAME.theme in the
    # same search folders, or the built-in default/monochrome). `#` starts a comment; blank
    # lines are ignored. Colours: default (the terminal's own), black, red, green, yellow, blue,
    # magenta, cyan, white, bright-black ... bright-white, grey, orange, or a number 0-255 from
    # the 256-colour palette. On 8-colour terminals every colour becomes the nearest of the
    # basic eight (orange becomes yellow). Roles: normal muted header title border selection
    # focus accent button button-focused disabled error warning success balance-healthy
    # balance-low balance-negative chart-bar chart-need unread link sandbox input
    # input-focused help. Every role must be set here or in the inherited theme.

    # The default scheme: text keeps the terminal's own colours, so it reads on light and dark
    # backgrounds; colour marks meaning.

    normal = default
    muted = bright-black
    header = black on cyan
    title = default bold
    border = blue
    selection = black on cyan
    focus = yellow bold
    help = cyan

    # The "Pay and upgrade" call to action.
    accent = black on orange bold
    button = black on white
    button-focused = white on blue bold
    disabled = bright-black

    error = red bold
    warning = yellow bold
    success = green bold

    balance-healthy = green bold
    balance-low = orange bold
    balance-negative = red bold
    chart-bar = cyan
    chart-need = magenta bold

    unread = default bold
    link = blue underline
    sandbox = black on magenta bold
    input = default underline
    input-focused = white on blue
    """,
    "high-contrast": """
    # Saldo colour theme.
    #
    # Format: one role per line,
    #   role = FOREGROUND [on BACKGROUND] [bold] [underline] [reverse] [dim]
    # plus an optional `inherit = NAME` line to start from another theme (NAME.theme in the
    # same search folders, or the built-in default/monochrome). `#` starts a comment; blank
    # lines are ignored. Colours: default (the terminal's own), black, red, green, yellow, blue,
    # magenta, cyan, white, bright-black ... bright-white, grey, orange, or a number 0-255 from
    # the 256-colour palette. On 8-colour terminals every colour becomes the nearest of the
    # basic eight (orange becomes yellow). Roles: normal muted header title border selection
    # focus accent button button-focused disabled error warning success balance-healthy
    # balance-low balance-negative chart-bar chart-need unread link sandbox input
    # input-focused help. Every role must be set here or in the inherited theme.

    # Maximum contrast: bright colours, bold text and reverse video for anything that matters.
    inherit = default

    normal = bright-white
    muted = white
    header = black on bright-white bold
    title = bright-white bold underline
    border = bright-white
    selection = black on bright-yellow bold
    focus = bright-yellow bold underline
    help = bright-cyan

    accent = black on bright-yellow bold
    button = black on bright-white
    button-focused = black on bright-cyan bold underline
    disabled = white dim

    error = bright-white on red bold
    warning = black on bright-yellow bold
    success = black on bright-green bold

    balance-healthy = bright-green bold
    balance-low = bright-yellow bold underline
    balance-negative = bright-white on red bold
    chart-bar = bright-cyan
    chart-need = bright-magenta bold

    unread = bright-white bold underline
    link = bright-cyan underline
    sandbox = black on bright-magenta bold
    input = bright-white underline
    input-focused = black on bright-white
    """,
    "light": """
    # Saldo colour theme.
    #
    # Format: one role per line,
    #   role = FOREGROUND [on BACKGROUND] [bold] [underline] [reverse] [dim]
    # plus an optional `inherit = NAME` line to start from another theme (NAME.theme in the
    # same search folders, or the built-in default/monochrome). `#` starts a comment; blank
    # lines are ignored. Colours: default (the terminal's own), black, red, green, yellow, blue,
    # magenta, cyan, white, bright-black ... bright-white, grey, orange, or a number 0-255 from
    # the 256-colour palette. On 8-colour terminals every colour becomes the nearest of the
    # basic eight (orange becomes yellow). Roles: normal muted header title border selection
    # focus accent button button-focused disabled error warning success balance-healthy
    # balance-low balance-negative chart-bar chart-need unread link sandbox input
    # input-focused help. Every role must be set here or in the inherited theme.

    # For light backgrounds: dark foregrounds; nothing relies on bright yellow or white text.
    inherit = default

    normal = 235
    muted = 243
    header = 255 on 24 bold
    title = 16 bold
    border = 25
    selection = 16 on 153
    focus = 130 bold
    help = 24

    accent = 16 on 208 bold
    button = 16 on 252
    button-focused = 255 on 25 bold
    disabled = 247

    error = 160 bold
    warning = 130 bold
    success = 28 bold

    balance-healthy = 28 bold
    balance-low = 166 bold
    balance-negative = 160 bold
    chart-bar = 31
    chart-need = 127 bold

    link = 25 underline
    sandbox = 255 on 127 bold
    input-focused = 16 on 189
    """,
    "monochrome": """
    # Saldo colour theme.
    #
    # Format: one role per line,
    #   role = FOREGROUND [on BACKGROUND] [bold] [underline] [reverse] [dim]
    # plus an optional `inherit = NAME` line to start from another theme (NAME.theme in the
    # same search folders, or the built-in default/monochrome). `#` starts a comment; blank
    # lines are ignored. Colours: default (the terminal's own), black, red, green, yellow, blue,
    # magenta, cyan, white, bright-black ... bright-white, grey, orange, or a number 0-255 from
    # the 256-colour palette. On 8-colour terminals every colour becomes the nearest of the
    # basic eight (orange becomes yellow). Roles: normal muted header title border selection
    # focus accent button button-focused disabled error warning success balance-healthy
    # balance-low balance-negative chart-bar chart-need unread link sandbox input
    # input-focused help. Every role must be set here or in the inherited theme.

    # Attributes only, no colour: used when NO_COLOR is set or the terminal has no colours.

    normal = default
    muted = default dim
    header = default reverse
    title = default bold
    border = default
    selection = default reverse
    focus = default bold underline
    help = default

    accent = default bold reverse
    button = default reverse
    button-focused = default bold underline reverse
    disabled = default dim

    error = default bold reverse
    warning = default bold
    success = default bold

    balance-healthy = default bold
    balance-low = default bold underline
    balance-negative = default bold reverse
    chart-bar = default
    chart-need = default bold

    unread = default bold
    link = default underline
    sandbox = default bold reverse
    input = default underline
    input-focused = default reverse
    """,
  ]
}

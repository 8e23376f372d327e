# The R package against values derived by hand and, when the checkout is
# known (EQUILIB_SOURCE, EQUILIB_CLI: set by tools/test.sh), against the
# command-line program's own sweep and breakpoints and the README example.
library(equilib)

# Matching pennies: each player is indifferent only at 1/2.
A <- matrix(c(1, -1, -1, 1), 2)
e <- eq_game_solve(A, -A)
expect_equal(length(e), 1L)
expect_equal(e[[1]]$strategies[[1]], c(0.5, 0.5))
expect_equal(e[[1]]$strategies[[2]], c(0.5, 0.5))
expect_equal(length(eq_game_solve(A, -A, method = "pure")), 0L)

# Prisoner's dilemma (T=5, R=3, P=1, S=0): Defect dominates; (1, 1).
P <- matrix(c(3, 5, 0, 1), 2)        # rows: Cooperate, Defect
e <- eq_game_solve(P, t(P), method = "lemke")
expect_equal(length(e), 1L)
expect_equal(e[[1]]$strategies[[1]], c(0, 1))
expect_equal(e[[1]]$payoffs, c(1, 1))

expect_error(eq_game_solve(A, -A, methd = "enum"), "unknown option 'methd'")
expect_error(eq_game_solve(A, -A, select = "first"),
             "option select does not apply to a strategic-form game")
expect_true("objective" %in% eq_options()$name)

# Limits by name: a 30 x 30 game's enum stops at max_vertices = 1 with a
# message naming the limit; matching pennies under limits it never reaches
# is still (1/2, 1/2).
set.seed(30)
G1 <- matrix(sample(0:99, 900, replace = TRUE), 30)
G2 <- matrix(sample(0:99, 900, replace = TRUE), 30)
expect_error(eq_game_solve(G1, G2, method = "enum", threads = 1, max_vertices = 1),
             "max_vertices")
expect_error(eq_game_solve(A, -A, time_limit = -1), "time_limit")
e <- eq_game_solve(A, -A, method = "enum", max_vertices = 1000, time_limit = 3600)
expect_equal(e[[1]]$strategies[[1]], c(0.5, 0.5))
expect_true(all(c("time_limit", "max_pivots", "max_vertices") %in% eq_options()$name))

# Entry with a cost c of sharing the market: the incumbent fights iff
# -1 > 1 - c, i.e. c > 2, and then the entrant stays out (0 > -1).
path <- tempfile(fileext = ".game")
writeLines(c('game "Entry with a cost of sharing the market"',
             'players Entrant Incumbent',
             'param c = 1 in [0, 4] "what sharing the market costs the incumbent"',
             'node start: Entrant chooses', '  stay_out -> outside', '  enter -> decide',
             'node decide: Incumbent chooses', '  fight -> war', '  accommodate -> share',
             'node outside: (0, 2)', 'node war: (-1, -1)', 'node share: (1, 1 - c)'), path)
m <- eq_model(path)
expect_equal(m$players, c("Entrant", "Incumbent"))
expect_equal(eq_params(m)$name, "c")
r <- eq_solve(m)
expect_equal(r$path, "start: Entrant enter; decide: Incumbent accommodate; outcome share")
expect_equal(c(r[["E(Entrant)"]], r[["E(Incumbent)"]]), c(1, 0))
r <- eq_solve(m, list(c = 3.5))
expect_equal(r$path, "start: Entrant stay_out; outcome outside")
expect_equal(r[["E(Incumbent)"]], 2)
s <- eq_sweep(m, "c=0:4:5")
expect_equal(nrow(s), 5L)
expect_equal(s$c, 0:4)
expect_equal(s[["E(Entrant)"]], c(1, 1, 1, 0, 0))
expect_equal(s[["E(Incumbent)"]], c(1, 0, -1, 2, 2))
expect_equal(s$SPEs, c(1L, 1L, 2L, 1L, 1L))   # at c = 2 both replies are optimal
b <- eq_breakpoints(m, "c")
expect_equal(b$value, 2)
expect_equal(b$fraction, "2")
expect_error(eq_solve(m, list(c = 9)), "c")
expect_error(eq_solve(m, list(d = 1)), "d")
expect_error(eq_solve(m, objective = "welfare"), "option objective does not apply to a model")
# Options changed between calls are not lost to the kept analysis.
expect_true(is.na(eq_solve(m, list(c = 2), count = FALSE)$SPEs))
expect_equal(eq_solve(m, list(c = 2))$SPEs, 2L)
bad <- tempfile(fileext = ".game")
writeLines(c("players A B", "node x: A choices"), bad)
expect_error(eq_model(bad), ":2:")

src <- Sys.getenv("EQUILIB_SOURCE")
cli <- Sys.getenv("EQUILIB_CLI")
if (src == "" || cli == "") exit_file("EQUILIB_SOURCE and EQUILIB_CLI not set")

nato <- file.path(src, "tests", "fixtures", "game", "old_nato.game")
run_csv <- function(...) {
  out <- system2(cli, c(...), stdout = TRUE)
  read.csv(text = out, check.names = FALSE, stringsAsFactors = FALSE)
}
# The membership sweep, row by row against the command line.
ref <- run_csv("sweep", nato, "--vary", "timing", "--vary", "honour=0:1:11", "-f", "csv")
s <- eq_sweep(eq_model(nato), c("timing", "honour=0:1:11"), jobs = 2)
expect_equal(nrow(s), nrow(ref))
expect_equal(names(s), names(ref))
expect_equal(s$timing, ref$timing)
expect_equal(s$path, ref$path)
for (p in c("E(Russia)", "E(Ukraine)", "E(West)", "honour", "regret"))
  expect_equal(s[[p]], ref[[p]], tolerance = 1e-12)
expect_equal(s$SPEs, ref$SPEs)
expect_equal(s$flags, ifelse(is.na(ref$flags), "", ref$flags))

# Breakpoints, against the command line.
ref <- run_csv("breakpoints", nato, "--vary", "honour", "-f", "csv")
b <- eq_breakpoints(eq_model(nato), "honour")
expect_equal(as.numeric(b$text), ref$value)
expect_equal(b$value, ref$value, tolerance = 1e-12)
expect_equal(b$what, ref[["what changes"]])
expect_equal(b$flags, ref$flags)
expect_equal(ifelse(is.na(b$fraction), "", b$fraction),
             ifelse(is.na(ref$fraction), "", as.character(ref$fraction)))

# The README's R example, run from the repository's top.
readme <- readLines(file.path(src, "README.md"))
at <- grep("<!-- r-example -->", readme, fixed = TRUE)
expect_equal(length(at), 1L)
start <- at + 2L
end <- start + which(readme[start:length(readme)] == "```")[1] - 2L
code <- readme[start:end]
expect_true(length(code) < 10L)
old <- setwd(src)
out <- capture.output(eval(parse(text = code), envir = new.env()))
setwd(old)
expect_true(any(grepl("cease_fire", out)))

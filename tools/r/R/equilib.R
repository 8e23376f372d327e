# equilib for R: .Call glue over libequilib (src/equilib_r.c).
# Parameters are a named list (numbers, or a choice's name); options are
# further named arguments, passed to the library by name as text (see
# eq_options()).  As on the command line, models count their
# subgame-perfect equilibria and flag clamps unless told otherwise.

.text <- function(v) {
  if (is.logical(v)) return(if (isTRUE(v)) "true" else "false")
  if (is.numeric(v)) return(formatC(v, digits = 17, format = "g"))
  as.character(v)
}

.params <- function(params) {
  if (length(params) == 0) return(character(0))
  if (is.null(names(params)) || any(names(params) == ""))
    stop("equilib: parameters must be named, as list(timing = \"before\")")
  vapply(names(params), function(k) paste0(k, "=", .text(params[[k]])), "",
         USE.NAMES = FALSE)
}

.opts <- function(opts, defaults = list()) {
  for (k in names(defaults)) if (is.null(opts[[k]])) opts[[k]] <- defaults[[k]]
  opts <- opts[!vapply(opts, is.null, TRUE)]
  if (length(opts) && (is.null(names(opts)) || any(names(opts) == "")))
    stop("equilib: options must be named, as method = \"spe\"")
  list(names = as.character(names(opts)),
       values = vapply(opts, .text, "", USE.NAMES = FALSE))
}

.model_defaults <- list(count = TRUE, clamps = TRUE)

eq_model <- function(path) {
  ptr <- .Call(r_model_read, path.expand(path))
  info <- .Call(r_model_info, ptr)
  structure(list(ptr = ptr, path = path, title = info$title, players = info$players,
                 classes = info$classes, info = info$params), class = "eq_model")
}

print.eq_model <- function(x, ...) {
  cat("equilib model: ", x$title, "\nfile: ", x$path, "\nplayers: ",
      paste(x$players, collapse = ", "), "\nparameters: ",
      paste(x$info$name, collapse = ", "), "\n", sep = "")
  invisible(x)
}

eq_params <- function(model) {
  i <- model$info
  data.frame(name = i$name, enum = i$enum, lo = i$lo, hi = i$hi, default = i$default,
             choices = vapply(i$choices, function(c) paste(c, collapse = ","), ""),
             description = i$description, stringsAsFactors = FALSE)
}

eq_solve <- function(model, params = list(), ...) {
  o <- .opts(list(...), .model_defaults)
  r <- .Call(r_solve, model$ptr, .params(params), o$names, o$values)
  lapply(r, function(col) col[[1]])
}

eq_sweep <- function(model, vary, params = list(), ...) {
  o <- .opts(list(...), .model_defaults)
  cols <- .Call(r_sweep, model$ptr, .params(params), as.character(vary), o$names, o$values)
  as.data.frame(cols, check.names = FALSE, stringsAsFactors = FALSE)
}

eq_breakpoints <- function(model, param, params = list(), ...) {
  o <- .opts(list(...), .model_defaults)
  cols <- .Call(r_breakpoints, model$ptr, param, .params(params), o$names, o$values)
  as.data.frame(cols, check.names = FALSE, stringsAsFactors = FALSE)
}

eq_game_solve <- function(A, B, ...) {
  A <- as.matrix(A); B <- as.matrix(B)
  storage.mode(A) <- "double"; storage.mode(B) <- "double"
  o <- .opts(list(...))
  .Call(r_game_solve, A, B, o$names, o$values)
}

eq_options <- function() {
  as.data.frame(.Call(r_options), stringsAsFactors = FALSE)
}

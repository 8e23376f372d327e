#!/usr/bin/python3
"""Write models/security.game, the second version of the security options.

Today's model language has no indexed node families (`node lr[a in 0..2]`,
branch `lang`), so the long-run subgame, which differs only in the arming
level, the concession and whether a guarantee is in force, is written out
once per combination by this script.  Run it from the repository root:

    /usr/bin/python3 models/gen_security.py > models/security.game

The header below (HEADER) is the model's documentation and its parameters;
everything after it is generated.  Edit this script, not the .game file.
"""
import sys

HEADER = open(__file__.replace("gen_security.py", "security.head")).read()

ARMS = [("low", 0), ("mid", 1), ("high", 2)]
CONC = [("n", "hold_out", "held"), ("c", "concede", "held + concession")]
out = []


def w(s=""):
    out.append(s)


def lr_name(kind, ap, ae, c):
    return f"lr_{kind}_{ap}{ae}_{c}"


def ba(kind, ap, c):
    """Where the build-up is resolved after the window (none to resolve at low)."""
    return lr_name(kind, 0, 0, c) if ap == 0 else f"build_after_{kind}_{ap}_{c}"


def tup(r, u, west):
    return f"(Russia: {r}, Ukraine: {u}, West: {west})"


def wrap(val, flow):
    """A long-run value seen from the cease-fire: the window first (under
    timing = after), then the long run (Dw = 1 under timing = before)."""
    return f"(1 - Dw) * ({flow}) + Dw * ({val})"


def long_run(kind, ap, ae, c, share):
    """Ukraine builds its own defence or free-rides; it restrains or strikes;
    the West reins it in or backs it; Russia accepts or tests; with a
    guarantee, the West honours or abandons it."""
    g = kind in ("G", "T")
    tag = f"{kind}_{ap}{ae}_{c}"
    blk = "blk" if g else "0"
    lev = "lev_g" if g else "lev_n"
    rc = "rc_g" if g else "rc_n"
    com = {"G": "commit", "T": "commit_t"}.get(kind, "0")
    oc = f" - offer_cost" if c == "c" else ""
    w(f"node {lr_name(kind, ap, ae, c)}: Ukraine chooses")
    w(f"  free_ride     -> restraint_{tag}")
    w(f"  build_defence -> restraint_{tag}_own")
    for b in (0, 1):
        et = tag + ("_own" if b else "")
        own = f" - defence_cost" if b else ""          # Ukraine's yearly effort
        qo = f" - own_effect" if b else ""             # cuts Russia's share in a war
        w(f"node restraint_{et}: Ukraine chooses")
        w(f"  restrain -> accept_{et}_quiet")
        w(f"  strike   -> rein_{et}")
        w(f"node rein_{et}: West chooses")
        w(f"  rein_in -> accept_{et}_reined")
        w(f"  back    -> accept_{et}_strikes")
        for x in ("quiet", "reined", "strikes"):
            st = "1" if x == "strikes" else "0"
            rn = "1" if x == "reined" else "0"
            w(f"node accept_{et}_{x}: Russia chooses")
            w(f"  accept -> peace_{et}_{x}")
            w(f"  test   -> " + (f"honour_{et}_{x}" if g else f"war_resumes_test_{et}_{x}"))
            # peace
            r = f"{share} - {blk} - fear * {ae} * {st}"
            u = f"1 - ({share}) + (ambition * {ae} - strike_cost) * {st} - {lev} * {rn}{own}"
            wv = f"-{com} - {rc} * {rn} - entangle * {ae} * {st}"
            w(f"node peace_{et}_{x}: " + tup(wrap(r, share), wrap(u, f"(1 - ({share}))") + oc,
                                          f"-arm_cost * {ap} + Dw * ({wv})"))
            # Russia against Ukraine alone (no guarantee, or the guarantee abandoned)
            q = f"(q{ae}{qo})"
            # A strike campaign the West backs goes on during the war too.
            sr = f" - lam * fear * {ae} * {st}"
            su = f" + lam * (ambition * {ae} - strike_cost) * {st}"
            sw = f" - lam * entangle * {ae} * {st}"
            # Once in force, the arrangement outlasts the war: the frozen line
            # after it still costs Russia `blk` (0 without a guarantee).
            r = f"lam * ({q} - russia_cost) + (1 - lam) * (held - {blk})" + sr
            u = f"lam * (1 - {q} - ukraine_cost) + (1 - lam) * (1 - held) - {lev} * {rn}" + su + own
            aud = {"G": "aud", "T": "aud_t"}.get(kind, "0")
            wv = f"-{com} - {rc} * {rn} - lam * west_stake - {aud}" + sw
            w(f"node war_resumes_test_{et}_{x}: " + tup(wrap(r, share), wrap(u, f"(1 - ({share}))") + oc,
                                                     f"-arm_cost * {ap} + Dw * ({wv})"))
            if g:
                w(f"node honour_{et}_{x}: West chooses")
                w(f"  honour  -> direct_war_{et}_{x}")
                w(f"  abandon -> war_resumes_test_{et}_{x}")
                r = "lam * (nato_share - russia_cost - nato_cost) + (1 - lam) * (held - blk)" + sr
                u = f"lam * (1 - nato_share - ukraine_cost) + (1 - lam) * (1 - held) - {lev} * {rn}" + su + own
                wv = f"-{com} - {rc} * {rn} - lam * west_war_cost" + sw
                w(f"node direct_war_{et}_{x}: " + tup(wrap(r, share), wrap(u, f"(1 - ({share}))") + oc,
                                                   f"-arm_cost * {ap} + Dw * ({wv})"))
    w()


def war_now(name, ap, g_abandoned=False, t=""):
    """The present war goes on (at Russia's current share q_now); with a
    guarantee abandoned, the arrangement still outlasts the war."""
    aud = f" - aud{t} - commit{t}" if g_abandoned else ""
    frz = "(held - blk)" if g_abandoned else "held"
    w(f"node {name}: " + tup(f"lam * (q_now - russia_cost) + (1 - lam) * {frz}",
                             "lam * (1 - q_now - ukraine_cost) + (1 - lam) * (1 - held) - offer_cost * OC",
                             f"-arm_cost * {ap} - lam * west_stake{aud}"))


def main():
    w(HEADER.rstrip())
    w()
    w("# ======================================================================")
    w("# Generated by models/gen_security.py below this line: edit the script.")
    w("# ======================================================================")
    w()
    w("node start: if option == none then offer_after_N_0_0 else arming")
    w()
    w("# The West sets the level of arming (paid whatever happens).")
    w("node arming: West chooses")
    for nm, a in ARMS:
        w(f"  {nm} -> option_{a}")
    w()
    for nm, a in ARMS:
        w(f"node option_{a}: if timing == after then offer_after_{a} else before_{a}")
        # after: the offer, the cease-fire, the window
        w(f"node offer_after_{a}: if option == israel then offer_after_N_{a}_{a} else offer_after_G_{a}_{a}")
        # before: (membership) the veto first, then the build, then the offer
        w(f"node before_{a}: if option == membership then veto_before_{a} else "
          f"before_kind_{a}")
        bb = (lambda k: f"offer_before_{k}_0_0") if a == 0 else (lambda k: f"build_before_{k}_{a}")
        w(f"node before_kind_{a}: if option == hybrid then {bb('G')} else {bb('N')}")
        w(f"node veto_before_{a}: chance")
        w(f"  vetoed (veto)       -> {bb('N')}")
        w(f"  admitted (1 - veto) -> tripwire_before_{a}")
        w(f"# A tripwire: allied troops on Ukrainian soil, at a cost.")
        w(f"node tripwire_before_{a}: West chooses")
        w(f"  no_tripwire -> {bb('G')}")
        w(f"  tripwire    -> {bb('T')}")
        for kind in ("G", "T", "N"):
            if a == 0:
                continue
            else:
                w(f"node build_before_{kind}_{a}: chance")
                w(f"  built (build_success)      -> offer_before_{kind}_{a}_{a}")
                w(f"  failed (1 - build_success) -> offer_before_{kind}_{a}_0")
        w()
    # the offers and cease-fires before: the option already in force
    done = set()
    for nm, ap in ARMS:
        for ae in sorted({0, ap}):
            for kind in ("G", "T", "N"):
                tag = f"{kind}_{ap}{ae}"
                w(f"node offer_before_{kind}_{ap}_{ae}: Ukraine chooses")
                for c, act, share in CONC:
                    w(f"  {act} -> ceasefire_before_{tag}_{c}")
                for c, act, share in CONC:
                    w(f"node ceasefire_before_{tag}_{c}: Russia chooses")
                    w(f"  cease_fire -> {lr_name(kind, ap, ae, c)}")
                    if kind in ("G", "T"):
                        t = "_t" if kind == "T" else ""
                        w(f"  fight_on   -> honour_now_{tag}_{c}")
                        w(f"node honour_now_{tag}_{c}: West chooses")
                        w(f"  honour  -> direct_war_now_{tag}_{c}")
                        w(f"  abandon -> war_continues_abandoned_{tag}_{c}")
                        OC = "1" if c == "c" else "0"
                        w(f"node direct_war_now_{tag}_{c}: " + tup(
                            "lam * (nato_share - russia_cost - nato_cost) + (1 - lam) * (held - blk)",
                            f"lam * (1 - nato_share - ukraine_cost) + (1 - lam) * (1 - held) - offer_cost * {OC}",
                            f"-arm_cost * {ap} - commit{t} - lam * west_war_cost"))
                        war_now(f"war_continues_abandoned_{tag}_{c}", ap, True, t)
                    else:
                        w(f"  fight_on   -> war_continues_{tag}_{c}")
                        war_now(f"war_continues_{tag}_{c}", ap)
                    out[-1] = out[-1].replace("OC", "1" if c == "c" else "0")
                w()
    # after: offer, cease-fire, window, (veto), build
    for nm, ap in ARMS:
        for kind in ("G", "N"):
            tag = f"{kind}_{ap}"
            w(f"node offer_after_{kind}_{ap}_{ap}: Ukraine chooses")
            for c, act, share in CONC:
                w(f"  {act} -> ceasefire_after_{tag}_{c}")
            for c, act, share in CONC:
                OC = "1" if c == "c" else "0"
                w(f"node ceasefire_after_{tag}_{c}: Russia chooses")
                w(f"  fight_on   -> war_continues_{tag}_{c}")
                # A window only where something changes at its end: a
                # guarantee, or arms to build.  (Unarmed and unguaranteed,
                # the long run starts at the cease-fire with Dw = D.)
                windowed = kind == "G" or ap > 0
                w(f"  cease_fire -> " + (f"window_{tag}_{c}" if windowed else ba("N", ap, c)))
                war_now(f"war_continues_{tag}_{c}", ap)
                out[-1] = out[-1].replace("OC", OC)
                if not windowed:
                    continue
                w(f"node window_{tag}_{c}: Russia chooses")
                w(f"  resume -> war_resumes_window_{tag}_{c}")
                nxt = f"veto_after_{tag}_{c}" if kind == "G" else ba("N", ap, c)
                w(f"  wait   -> " + (f"admission_{tag}_{c}" if kind == "G" else nxt))
                w(f"node war_resumes_window_{tag}_{c}: " + tup(
                    f"(1 - D) * ({share}) + D * (lam * (q_window - russia_cost) + (1 - lam) * held)",
                    f"(1 - D) * (1 - ({share})) + D * (lam * (1 - q_window - ukraine_cost) + (1 - lam) * (1 - held))" + (" - offer_cost" if c == "c" else ""),
                    f"-arm_cost * {ap} - D * lam * west_stake"))
                if kind == "G":
                    w(f"node admission_{tag}_{c}: if option == membership then veto_after_{tag}_{c} else {ba('G', ap, c)}")
                    w(f"node veto_after_{tag}_{c}: chance")
                    w(f"  vetoed (veto)       -> {ba('N', ap, c)}")
                    w(f"  admitted (1 - veto) -> tripwire_after_{tag}_{c}")
                    w(f"node tripwire_after_{tag}_{c}: West chooses")
                    w(f"  no_tripwire -> {ba('G', ap, c)}")
                    w(f"  tripwire    -> {ba('T', ap, c)}")
            w()
    for nm, ap in ARMS:
        for kind in ("G", "T", "N"):
            for c, act, share in CONC:
                key = f"build_after_{kind}_{ap}_{c}"
                if ap == 0:
                    continue
                else:
                    w(f"node {key}: chance")
                    w(f"  built (build_success)      -> {lr_name(kind, ap, ap, c)}")
                    w(f"  failed (1 - build_success) -> {lr_name(kind, ap, 0, c)}")
        w()
    for nm, ap in ARMS:
        for ae in sorted({0, ap}):
            for kind in ("G", "T", "N"):
                for c, act, share in CONC:
                    long_run(kind, ap, ae, c, share)
    sys.stdout.write("\n".join(out) + "\n")


main()

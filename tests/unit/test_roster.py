import pytest

from pantau.domain.roster import RosterError, parse_roster, pseudonymise

KEY = b"test-key"
HEADER = "platform,account_id,handle,nip,name,opd,status,region\n"
GOOD = (
    HEADER
    + "x,77,@andi_dinkes,198703122010011002,Andi,Dinas Kesehatan,PNS,Kota Sukamaju\n"
    + "facebook,88,@eko,,Eko,Dinas Perhubungan,PTT_NON_APBD,Kota Sukamaju\n"
)


def test_valid_roster_keeps_only_pseudonyms_and_display_fields() -> None:
    entries = parse_roster(GOOD, KEY)
    andi = entries[0]
    assert andi.nip_hash == pseudonymise(KEY, "nip:198703122010011002")
    assert "198703122010011002" not in repr(andi.as_dict())
    assert andi.bound and not entries[1].bound
    assert andi.key == "x:77"


def test_the_same_nip_under_another_key_is_unlinkable() -> None:
    assert pseudonymise(b"k1", "nip:1") != pseudonymise(b"k2", "nip:1")


def test_every_bad_line_is_reported_and_nothing_is_returned() -> None:
    bad = (
        GOOD
        + "x,77,@dup,198703122010011003,Dup,OPD,PNS,Kota\n"
        + "myspace,1,@a,,A,OPD,PPPK,Kota\n"
        + "x,2,@b,12345,B,OPD,HONORER,Kota\n"
    )
    with pytest.raises(RosterError) as info:
        parse_roster(bad, KEY)
    problems = "\n".join(info.value.problems)
    assert "line 4: account x:77 already listed on line 2" in problems
    assert "line 5: platform 'myspace'" in problems and "line 5: nip is required for PPPK" in problems
    assert "line 6: status 'HONORER'" in problems and "line 6: nip must be 18 digits" in problems


def test_missing_columns_are_named() -> None:
    with pytest.raises(RosterError, match="header lacks"):
        parse_roster("platform,account_id\nx,1\n", KEY)

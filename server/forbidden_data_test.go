package main

import "testing"

func TestFindForbidden(t *testing.T) {
	cases := []struct {
		text string
		want forbiddenKind
	}{
		{"身份证 11010519491231002X 请保管", kindIDNumber},
		{"id:11010519491231002x", kindIDNumber},
		{"１１０１０５１９４９１２３１００２Ｘ", kindIDNumber},
		{"卡号 6222 0202 0000 1234 560 已确认", ""}, // fails Luhn
		{"卡号 4111 1111 1111 1111", kindBankCard},
		{"4111111111111111", kindBankCard},
		{"手机 13812345678，座机 010-12345678", ""},
		{"订单 CUS202405001", ""},
		{"信用代码 91440300708461136T", ""},
		{"+8613812345678", ""},
		{"金额 ¥4111111111111111", ""},
		{"预算 4111111111111111 元", ""},
		{"张伟，采购经理，下周三拜访", ""},
	}
	for _, c := range cases {
		got, _ := findForbidden(c.text)
		if got != c.want {
			t.Errorf("findForbidden(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestIsCreditCode(t *testing.T) {
	for code, want := range map[string]bool{
		"91440300708461136T": true,
		"91440300708461136A": false,
		"9144030070846113":   false,
	} {
		if got := isCreditCode(code); got != want {
			t.Errorf("isCreditCode(%q) = %v", code, got)
		}
	}
}

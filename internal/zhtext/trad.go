package zhtext

// trad maps frequent Traditional characters of citizens' questions to Simplified.
var trad = map[rune]rune{}

func init() {
	const pairs = "營营業业執执照照辦办証证證证戶户號号稅税務务醫医療疗險险養养老老費费補补貼贴將将車车駕驾駛驶學学齡龄電电話话處处歸归屬属檢检驗验環环衛卫噪噪聲声投投訴诉舉举報报問问題题請请麼么為为這这個个們们來来過过時时間间會会於于與与經经點点網网線线區区縣县鄉乡鎮镇價价錢钱購购買买賣卖單单據据資资貸贷勞劳動动員员廠厂樂乐氣气熱热燈灯綠绿門门關关開开發发條条團团體体護护龍龙飯饭館馆餐餐廳厅證证齊齐"
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] != rs[i+1] {
			trad[rs[i]] = rs[i+1]
		}
	}
}

package document

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// chartPart is a chart of the document: its DrawingML part and the embedded
// workbook holding its data (so "编辑数据" works in Word and WPS).
type chartPart struct {
	xml  string
	xlsx []byte
}

// Chart inserts c as a native Word chart, centred, 15 cm wide, with its
// title as a caption under it.
func (d *Doc) Chart(c Chart) error {
	if err := c.Validate(); err != nil {
		return err
	}
	data, err := chartWorkbook(c)
	if err != nil {
		return err
	}
	d.charts = append(d.charts, chartPart{xml: chartXML(c), xlsx: data})
	n := len(d.charts)
	d.nextID++
	const cx, cy = 5400000, 3060000 // EMU: 15 cm × 8.5 cm
	fmt.Fprintf(&d.body, `<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>`+
		`<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/>`+
		`<wp:docPr id="%d" name="图表 %d"/><wp:cNvGraphicFramePr/>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">`+
		`<c:chart r:id="rIdChart%d"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
		cx, cy, d.nextID, n, n)
	d.text = append(d.text, c.Title)
	d.Note("图 " + fmt.Sprint(n) + "　" + c.Title)
	return nil
}

// chartWorkbook is the embedded workbook: categories in column A, one series
// per column from B, names in row 1.
func chartWorkbook(c Chart) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	set := func(col, row int, v any) {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if s, ok := v.(string); ok {
			v = safeText(s)
		}
		_ = f.SetCellValue(sh, cell, v)
	}
	set(1, 1, c.Unit)
	for j, s := range c.Series {
		set(j+2, 1, s.Name)
		for i, v := range s.Values {
			set(j+2, i+2, v)
		}
	}
	for i, cat := range c.Categories {
		set(1, i+2, cat)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const chartNS = `xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// chartXML is the DrawingML chart part with cached values (what Word, WPS and
// LibreOffice draw) referring to the embedded workbook's cells.
func chartXML(c Chart) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`)
	b.WriteString(`<c:chartSpace ` + chartNS + `><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>`)
	fmt.Fprintf(&b, `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r>%s<a:t>%s</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`,
		drawingRPr(1200, true), esc(c.Title))
	b.WriteString(`<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>`)
	switch c.Kind {
	case Pie:
		b.WriteString(`<c:pieChart><c:varyColors val="1"/>`)
		writeSeries(&b, c, 0)
		b.WriteString(`<c:firstSliceAng val="0"/></c:pieChart>`)
	case Line:
		b.WriteString(`<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>`)
		for i := range c.Series {
			writeSeries(&b, c, i)
		}
		b.WriteString(`<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>`)
	default:
		dir := "col"
		if c.Kind == HBar {
			dir = "bar"
		}
		fmt.Fprintf(&b, `<c:barChart><c:barDir val="%s"/><c:grouping val="clustered"/><c:varyColors val="0"/>`, dir)
		for i := range c.Series {
			writeSeries(&b, c, i)
		}
		b.WriteString(`<c:gapWidth val="80"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>`)
	}
	if c.Kind != Pie {
		catPos, valPos := "b", "l"
		orient, valCross := "minMax", "autoZero"
		if c.Kind == HBar {
			// First category on top; the value axis then crosses at the last
			// category, so it stays at the bottom.
			catPos, valPos, orient, valCross = "l", "b", "maxMin", "max"
		}
		fmt.Fprintf(&b, `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="%s"/></c:scaling><c:delete val="0"/><c:axPos val="%s"/>`+
			`<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>%s`+
			`<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`,
			orient, catPos, axisTxPr())
		scaling := `<c:orientation val="minMax"/>`
		if nonNegative(c) {
			scaling += `<c:min val="0"/>` // bars and lines of counts start at zero
		}
		fmt.Fprintf(&b, `<c:valAx><c:axId val="1002"/><c:scaling>%s</c:scaling><c:delete val="0"/>`, scaling)
		fmt.Fprintf(&b, `<c:axPos val="%s"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`, valPos)
		if c.Unit != "" {
			fmt.Fprintf(&b, `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:r>%s<a:t>%s</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`,
				drawingRPr(900, false), esc(c.Unit))
		}
		fmt.Fprintf(&b, `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>%s`+
			`<c:crossAx val="1001"/><c:crosses val="%s"/><c:crossBetween val="between"/></c:valAx>`, axisTxPr(), valCross)
	}
	b.WriteString(`</c:plotArea>`)
	if len(c.Series) > 1 || c.Kind == Pie {
		fmt.Fprintf(&b, `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>%s</c:legend>`, axisTxPr())
	}
	b.WriteString(`<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	b.WriteString(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
	fmt.Fprintf(&b, `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900">%s</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`, drawingFonts())
	b.WriteString(`<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`)
	return b.String()
}

func drawingFonts() string {
	return `<a:latin typeface="` + FontLatin + `"/><a:ea typeface="` + FontSong + `"/>`
}

func drawingRPr(size int, bold bool) string {
	bv := "0"
	if bold {
		bv = "1"
	}
	return fmt.Sprintf(`<a:rPr lang="zh-CN" altLang="en-US" sz="%d" b="%s">%s</a:rPr>`, size, bv, drawingFonts())
}

func axisTxPr() string {
	return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900">` + drawingFonts() + `</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>`
}

// writeSeries writes series i with its name, categories and values cached.
func writeSeries(b *strings.Builder, c Chart, i int) {
	s := c.Series[i]
	col := colName(i + 1)
	last := len(c.Categories) + 1
	color := Palette[i%len(Palette)]
	fmt.Fprintf(b, `<c:ser><c:idx val="%d"/><c:order val="%d"/>`, i, i)
	fmt.Fprintf(b, `<c:tx><c:strRef><c:f>Sheet1!$%s$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>%s</c:v></c:pt></c:strCache></c:strRef></c:tx>`, col, esc(s.Name))
	switch c.Kind {
	case Line:
		fmt.Fprintf(b, `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="%s"/></a:solidFill><a:round/></a:ln></c:spPr>`, color)
		fmt.Fprintf(b, `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="%s"/></a:solidFill></c:spPr></c:marker>`, color)
	case Pie:
		b.WriteString(`<c:spPr><a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr>`)
		for p := range c.Categories {
			fmt.Fprintf(b, `<c:dPt><c:idx val="%d"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="%s"/></a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr></c:dPt>`,
				p, Palette[p%len(Palette)])
		}
	default:
		fmt.Fprintf(b, `<c:spPr><a:solidFill><a:srgbClr val="%s"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`, color)
	}
	// Value labels: on pies the percentage, on single-series bars the value.
	switch {
	case c.Kind == Pie:
		fmt.Fprintf(b, `<c:dLbls><c:numFmt formatCode="0.0%%" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>%s<c:dLblPos val="bestFit"/><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="1"/><c:showSerName val="0"/><c:showPercent val="1"/><c:showBubbleSize val="0"/><c:separator>：</c:separator><c:showLeaderLines val="1"/></c:dLbls>`, axisTxPr())
	case len(c.Series) == 1 && len(c.Categories) <= 16:
		fmt.Fprintf(b, `<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>%s<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`, axisTxPr())
	}
	fmt.Fprintf(b, `<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$%d</c:f><c:strCache><c:ptCount val="%d"/>`, last, len(c.Categories))
	for p, cat := range c.Categories {
		fmt.Fprintf(b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, p, esc(cat))
	}
	b.WriteString(`</c:strCache></c:strRef></c:cat>`)
	fmt.Fprintf(b, `<c:val><c:numRef><c:f>Sheet1!$%s$2:$%s$%d</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="%d"/>`, col, col, last, len(s.Values))
	for p, v := range s.Values {
		fmt.Fprintf(b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, p, formatValue(v))
	}
	b.WriteString(`</c:numCache></c:numRef></c:val>`)
	if c.Kind == Line {
		b.WriteString(`<c:smooth val="0"/>`)
	}
	b.WriteString(`</c:ser>`)
}

func nonNegative(c Chart) bool {
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v < 0 {
				return false
			}
		}
	}
	return true
}

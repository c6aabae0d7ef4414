package open311

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"govdesk/internal/app"
	"govdesk/internal/georeport"
	"govdesk/internal/workorder"
)

// maxWindow and maxRows bound GET requests (the standard's default query limit).
const (
	maxWindow = 90 * 24 * time.Hour
	maxRows   = 1000
)

func (h *Handler) postRequest(w http.ResponseWriter, r *http.Request) {
	name, format, ok := splitFormat(r.PathValue("res"))
	if !ok || name != "requests" {
		writeErrors(w, format, http.StatusNotFound, "资源不存在："+r.URL.Path)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		writeErrors(w, format, http.StatusBadRequest, "请求体应为 application/x-www-form-urlencoded，且不超过 64 KB")
		return
	}
	f := r.PostForm
	apiKey := strings.TrimSpace(f.Get("api_key"))
	if apiKey == "" {
		writeErrors(w, format, http.StatusForbidden, "缺少 api_key，无法提交诉求")
		return
	}
	key, err := h.Store.FindKeyByHash(r.Context(), georeport.HashKey(apiKey))
	if app.ErrorCode(err) == app.ENotFound {
		writeErrors(w, format, http.StatusForbidden, "api_key 无效或已停用，无法提交诉求")
		return
	} else if err != nil {
		fail(w, r, format, err)
		return
	}
	if !h.KeyLimit.Allow("key:"+strconv.FormatInt(key.ID, 10), h.Clock.Now()) {
		w.Header().Set("Retry-After", strconv.Itoa(int(h.KeyLimit.Window.Seconds())))
		writeErrors(w, format, http.StatusTooManyRequests, "提交过于频繁，请稍后再试")
		return
	}
	in, meta, probs := h.parseRequest(r, f)
	if len(probs) > 0 {
		status := http.StatusBadRequest
		if probs[0].notFound {
			status = http.StatusNotFound
		}
		descs := make([]string, len(probs))
		for i, p := range probs {
			descs[i] = p.msg
		}
		writeErrors(w, format, status, descs...)
		return
	}
	meta.KeyID = key.ID
	actor := app.Actor{Username: "open311:" + key.Name, Name: key.Name, Role: app.RoleOperator}
	o, err := h.file(app.WithActor(r.Context(), actor), in, meta)
	if err != nil {
		fail(w, r, format, err)
		return
	}
	write(w, format, http.StatusOK, "", list{root: "service_requests", item: "request", items: []object{{
		{"service_request_id", o.No}, {"service_notice", serviceNotice}, {"account_id", nil}}}})
}

// serviceNotice tells the filer what happens next.
const serviceNotice = "诉求已受理，将按规定派交承办单位在办理时限内答复。"

type problem struct {
	msg      string
	notFound bool
}

// parseRequest reads a POST request's fields and checks them against the standard
// and the service definition; the order's own rules are checked by Create.
func (h *Handler) parseRequest(r *http.Request, f url.Values) (workorder.NewOrder, georeport.Meta, []problem) {
	var probs []problem
	code := strings.TrimSpace(f.Get("service_code"))
	c, err := loadCatalog(r.Context(), h.Store)
	if err != nil {
		return workorder.NewOrder{}, georeport.Meta{}, []problem{{msg: "服务暂时不可用"}}
	}
	svc, found := c.byCode[code]
	switch {
	case code == "":
		probs = append(probs, problem{msg: "缺少 service_code"})
	case !found:
		return workorder.NewOrder{}, georeport.Meta{}, []problem{{msg: "service_code " + code + " 不存在", notFound: true}}
	}
	attrs := map[string][]string{}
	for k, v := range f {
		if strings.HasPrefix(k, "attribute[") && strings.HasSuffix(k, "]") {
			attrs[k[len("attribute["):len(k)-1]] = v
		}
	}
	typ := ""
	for _, a := range Attributes() {
		v := attrs[a.Code]
		if len(v) == 0 || strings.TrimSpace(v[0]) == "" {
			if a.Required {
				probs = append(probs, problem{msg: "缺少必填属性 attribute[" + a.Code + "]（" + a.Description + "）"})
			}
			continue
		}
		if a.Code == TypeAttribute {
			if typ = orderType(strings.TrimSpace(v[0])); typ == "" {
				probs = append(probs, problem{msg: "属性 attribute[" + a.Code + "] 的取值无效"})
			}
		}
	}
	desc := strings.TrimSpace(f.Get("description"))
	switch {
	case desc == "":
		probs = append(probs, problem{msg: "缺少 description（诉求内容）"})
	case utf8.RuneCountInString(desc) > 4000:
		probs = append(probs, problem{msg: "description 超过 4000 字"})
	}
	meta := georeport.Meta{Token: georeport.RandomHex(16), MediaURL: strings.TrimSpace(f.Get("media_url"))}
	if la, lo := f.Get("lat"), f.Get("long"); la != "" || lo != "" {
		lat, err1 := strconv.ParseFloat(la, 64)
		long, err2 := strconv.ParseFloat(lo, 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || long < -180 || long > 180 {
			probs = append(probs, problem{msg: "lat 和 long 应为有效的 WGS84 坐标"})
		}
		meta.Lat, meta.Long, meta.HasLocation = lat, long, true
	}
	addr := strings.TrimSpace(f.Get("address_string"))
	if addr == "" {
		addr = strings.TrimSpace(f.Get("address_id"))
	}
	if addr == "" && !meta.HasLocation {
		probs = append(probs, problem{msg: "需要提供位置：lat 和 long，或 address_string，或 address_id"})
	}
	if u, err := url.Parse(meta.MediaURL); meta.MediaURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https")) {
		probs = append(probs, problem{msg: "media_url 应为 http 或 https 地址"})
	}
	ab, _ := json.Marshal(attrs)
	meta.Attributes = string(ab)
	name := strings.TrimSpace(strings.TrimSpace(f.Get("last_name")) + strings.TrimSpace(f.Get("first_name")))
	in := workorder.NewOrder{Type: typ, Content: desc, CitizenName: name, CitizenPhone: f.Get("phone"),
		Anonymous: name == "", Address: addr, Category: svc.Path, Source: georeport.Source}
	return in, meta, probs
}

// file creates the order and stores its Open311 fields.
func (h *Handler) file(ctx context.Context, in workorder.NewOrder, meta georeport.Meta) (workorder.Order, error) {
	o, _, err := h.Orders.Create(ctx, in)
	if err != nil {
		return o, err
	}
	meta.OrderID = o.ID
	return o, h.Store.SaveMeta(ctx, meta)
}

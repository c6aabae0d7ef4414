package open311

import (
	"context"
	"strconv"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/georeport"
	"govdesk/internal/workorder"
)

// Service is an Open311 service: an active leaf category not hidden by an admin.
type Service struct {
	Code   string // the category's id
	Name   string // the leaf's name
	Path   string // the category path, e.g. 城乡建设/市政设施/路灯
	Group  string // the path's first name
	Hidden bool   // hidden by an admin (only in AllServices)
}

// Attribute is one field of a service definition.
type Attribute struct {
	Code        string
	Datatype    string
	Required    bool
	Description string
	Order       int
	Values      [][2]string // key, name
}

// TypeAttribute is the one attribute every service has: the order type (诉求类型),
// which the workflow needs and the standard's fields do not carry.
const TypeAttribute = "TYPE"

// typeKeys maps the attribute's keys to the order types.
var typeKeys = [][2]string{
	{"complaint", "投诉"}, {"help", "求助"}, {"suggestion", "建议"}, {"consult", "咨询"},
	{"report", "举报"}, {"praise", "表扬"}, {"other", "其他"},
}

// Attributes returns the definition's attributes (the same for every service).
func Attributes() []Attribute {
	return []Attribute{{Code: TypeAttribute, Datatype: "singlevaluelist", Required: true,
		Description: "诉求类型", Order: 1, Values: typeKeys}}
}

// orderType returns the order type of a TYPE key ("" when unknown).
func orderType(key string) string {
	for _, kv := range typeKeys {
		if kv[0] == key || kv[1] == key {
			return kv[1]
		}
	}
	return ""
}

// catalog is the service list with the names of every category (hidden or inactive
// ones too: an order keeps its category's code and name).
type catalog struct {
	services []Service
	all      []Service // every active leaf, hidden ones marked
	byCode   map[string]Service
	byID     map[int64]Service // every category
}

func loadCatalog(ctx context.Context, st georeport.Store) (catalog, error) {
	cats, err := st.FindCategories(ctx)
	if err != nil {
		return catalog{}, err
	}
	hidden, err := st.HiddenServices(ctx)
	if err != nil {
		return catalog{}, err
	}
	parent := map[int64]bool{}
	for _, c := range cats {
		parent[c.ParentID] = true
	}
	c := catalog{byCode: map[string]Service{}, byID: map[int64]Service{}}
	for _, cat := range cats {
		s := Service{Code: strconv.FormatInt(cat.ID, 10), Name: cat.Name, Path: cat.Path, Group: strings.SplitN(cat.Path, "/", 2)[0]}
		c.byID[cat.ID] = s
		if !cat.Active || parent[cat.ID] {
			continue
		}
		if s.Hidden = hidden[cat.ID]; !s.Hidden {
			c.services = append(c.services, s)
			c.byCode[s.Code] = s
		}
		c.all = append(c.all, s)
	}
	return c, nil
}

func serviceObject(s Service) object {
	return object{{"service_code", s.Code}, {"service_name", s.Name}, {"description", s.Path},
		{"metadata", true}, {"type", "realtime"}, {"keywords", nil}, {"group", s.Group}}
}

func definitionObject(s Service) object {
	attrs := list{root: "attributes", item: "attribute"}
	for _, a := range Attributes() {
		vals := list{root: "values", item: "value"}
		for _, v := range a.Values {
			vals.items = append(vals.items, object{{"key", v[0]}, {"name", v[1]}})
		}
		attrs.items = append(attrs.items, object{{"variable", true}, {"code", a.Code}, {"datatype", a.Datatype},
			{"required", a.Required}, {"datatype_description", nil}, {"order", a.Order}, {"description", a.Description},
			{"values", vals}})
	}
	return object{{"service_code", s.Code}, {"attributes", attrs}}
}

// Types lists the order types a citizen may choose on the public page.
func Types() []string {
	out := make([]string, 0, len(typeKeys))
	for _, kv := range typeKeys {
		if workorder.ValidType(kv[1]) {
			out = append(out, kv[1])
		}
	}
	return out
}

// AllServices returns every active leaf category as a service, the hidden ones
// marked, for the admin's page.
func AllServices(ctx context.Context, st georeport.Store) ([]Service, error) {
	c, err := loadCatalog(ctx, st)
	return c.all, err
}

// SetHidden hides a service from Open311 and the public page, or shows it again.
func SetHidden(ctx context.Context, st georeport.Store, code string, hidden bool) error {
	id := parseCode(code)
	if id == 0 {
		return app.NotFound("服务编码 %s 不存在", code)
	}
	return st.SetHidden(ctx, id, hidden)
}

// parseCode returns the category id of a service code (0 when it is not one).
func parseCode(code string) int64 {
	id, err := strconv.ParseInt(code, 10, 64)
	if err != nil {
		return 0
	}
	return id
}

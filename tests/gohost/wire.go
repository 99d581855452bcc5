package main

// Grafana's plugin protocol v2 messages (package pluginv2), encoded and decoded by hand with protowire. Field
// numbers are those of grafana-plugin-sdk-go's proto/backend.proto; nothing here is generated, so a field number
// the plugin gets wrong shows up as an unknown or mistyped field instead of being silently agreed on.

import (
	"fmt"
	"sort"

	"google.golang.org/protobuf/encoding/protowire"
)

// rawCodec hands the already encoded request to gRPC and the response bytes back untouched. It is named "proto"
// so the call's content type stays application/grpc+proto, as with Grafana's generated client.
type rawCodec struct{}

func (rawCodec) Marshal(v interface{}) ([]byte, error) {
	b, ok := v.(*[]byte)
	if !ok {
		return nil, fmt.Errorf("rawCodec: cannot marshal %T", v)
	}
	return *b, nil
}

func (rawCodec) Unmarshal(data []byte, v interface{}) error {
	b, ok := v.(*[]byte)
	if !ok {
		return fmt.Errorf("rawCodec: cannot unmarshal into %T", v)
	}
	*b = append((*b)[:0], data...)
	return nil
}

func (rawCodec) Name() string { return "proto" }

// ---- encoding ----

func appendString(b []byte, num protowire.Number, s string) []byte {
	if s == "" {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendString(b, s)
}

func appendBytes(b []byte, num protowire.Number, v []byte) []byte {
	if len(v) == 0 {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, v)
}

func appendInt64(b []byte, num protowire.Number, v int64) []byte {
	if v == 0 {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, uint64(v))
}

func appendMessage(b []byte, num protowire.Number, msg []byte) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, msg)
}

// appendStringMap encodes map<string,string>: one entry message {1: key, 2: value} per pair, in key order.
func appendStringMap(b []byte, num protowire.Number, m map[string]string) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var entry []byte
		entry = protowire.AppendTag(entry, 1, protowire.BytesType)
		entry = protowire.AppendString(entry, k)
		entry = protowire.AppendTag(entry, 2, protowire.BytesType)
		entry = protowire.AppendString(entry, m[k])
		b = appendMessage(b, num, entry)
	}
	return b
}

// DataSourceSettings is pluginv2.DataSourceInstanceSettings (the subset Grafana fills for a datasource).
type DataSourceSettings struct {
	ID                      int64
	Name                    string
	URL                     string
	JSONData                []byte
	DecryptedSecureJSONData map[string]string
	LastUpdatedMS           int64
	UID                     string
}

func (s DataSourceSettings) encode() []byte {
	var b []byte
	b = appendInt64(b, 1, s.ID)
	b = appendString(b, 2, s.Name)
	b = appendString(b, 3, s.URL)
	b = appendBytes(b, 8, s.JSONData)
	b = appendStringMap(b, 9, s.DecryptedSecureJSONData)
	b = appendInt64(b, 10, s.LastUpdatedMS)
	b = appendString(b, 11, s.UID)
	return b
}

// PluginContext is pluginv2.PluginContext.
type PluginContext struct {
	OrgID         int64
	PluginID      string
	UserLogin     string
	UserRole      string
	DataSource    DataSourceSettings
	GrafanaConfig map[string]string
	PluginVersion string
	UserAgent     string
}

func (c PluginContext) encode() []byte {
	var b []byte
	b = appendInt64(b, 1, c.OrgID)
	b = appendString(b, 2, c.PluginID)
	if c.UserLogin != "" {
		var user []byte
		user = appendString(user, 1, c.UserLogin) // login
		user = appendString(user, 2, c.UserLogin) // name
		user = appendString(user, 4, c.UserRole)  // role
		b = appendMessage(b, 3, user)
	}
	b = appendMessage(b, 5, c.DataSource.encode())
	b = appendStringMap(b, 6, c.GrafanaConfig)
	b = appendString(b, 7, c.PluginVersion)
	b = appendString(b, 8, c.UserAgent)
	return b
}

// DataQuery is pluginv2.DataQuery.
type DataQuery struct {
	RefID         string
	MaxDataPoints int64
	IntervalMS    int64
	FromEpochMS   int64
	ToEpochMS     int64
	JSON          []byte
	QueryType     string
}

func (q DataQuery) encode() []byte {
	var b []byte
	b = appendString(b, 1, q.RefID)
	b = appendInt64(b, 2, q.MaxDataPoints)
	b = appendInt64(b, 3, q.IntervalMS)
	var tr []byte
	tr = appendInt64(tr, 1, q.FromEpochMS)
	tr = appendInt64(tr, 2, q.ToEpochMS)
	b = appendMessage(b, 4, tr)
	b = appendBytes(b, 5, q.JSON)
	b = appendString(b, 6, q.QueryType)
	return b
}

// encodeCheckHealthRequest: pluginv2.CheckHealthRequest{1: pluginContext, 2: headers}.
func encodeCheckHealthRequest(pc PluginContext, headers map[string]string) []byte {
	b := appendMessage(nil, 1, pc.encode())
	return appendStringMap(b, 2, headers)
}

// encodeQueryDataRequest: pluginv2.QueryDataRequest{1: pluginContext, 2: headers, 3: queries; 4: format left at
// its default, ARROW}.
func encodeQueryDataRequest(pc PluginContext, headers map[string]string, queries []DataQuery) []byte {
	b := appendMessage(nil, 1, pc.encode())
	b = appendStringMap(b, 2, headers)
	for _, q := range queries {
		b = appendMessage(b, 3, q.encode())
	}
	return b
}

// encodeCollectMetricsRequest: pluginv2.CollectMetricsRequest{1: pluginContext}.
func encodeCollectMetricsRequest(pc PluginContext) []byte {
	return appendMessage(nil, 1, pc.encode())
}

// ---- decoding ----

type wireField struct {
	num   protowire.Number
	typ   protowire.Type
	value uint64 // varint and fixed types
	bytes []byte // length-delimited
}

// parseFields splits one message into its fields, in wire order.
func parseFields(b []byte) ([]wireField, error) {
	var fields []wireField
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		f := wireField{num: num, typ: typ}
		switch typ {
		case protowire.VarintType:
			v, m := protowire.ConsumeVarint(b)
			if m < 0 {
				return nil, protowire.ParseError(m)
			}
			f.value, n = v, m
		case protowire.Fixed32Type:
			v, m := protowire.ConsumeFixed32(b)
			if m < 0 {
				return nil, protowire.ParseError(m)
			}
			f.value, n = uint64(v), m
		case protowire.Fixed64Type:
			v, m := protowire.ConsumeFixed64(b)
			if m < 0 {
				return nil, protowire.ParseError(m)
			}
			f.value, n = v, m
		case protowire.BytesType:
			v, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return nil, protowire.ParseError(m)
			}
			f.bytes, n = v, m
		default:
			m := protowire.ConsumeFieldValue(num, typ, b)
			if m < 0 {
				return nil, protowire.ParseError(m)
			}
			n = m
		}
		fields = append(fields, f)
		b = b[n:]
	}
	return fields, nil
}

// fieldSchema declares the wire type each known field number must have.
type fieldSchema map[protowire.Number]protowire.Type

// checkField reports a field the schema does not know, or a known one with another wire type.
func checkField(message string, schema fieldSchema, f wireField) string {
	want, ok := schema[f.num]
	if !ok {
		return fmt.Sprintf("%s: unknown field %d (wire type %d)", message, f.num, f.typ)
	}
	if want != f.typ {
		return fmt.Sprintf("%s: field %d has wire type %d, want %d", message, f.num, f.typ, want)
	}
	return ""
}

// HealthResult is pluginv2.CheckHealthResponse.
type HealthResult struct {
	Status      string          `json:"status"`
	StatusCode  int64           `json:"statusCode"`
	Message     string          `json:"message"`
	JSONDetails *string         `json:"jsonDetails,omitempty"`
	WireProblem []string        `json:"wireProblems,omitempty"`
	RPCError    *RPCErrorResult `json:"rpcError,omitempty"`
}

var healthStatusNames = map[int64]string{0: "UNKNOWN", 1: "OK", 2: "ERROR"}

func decodeCheckHealthResponse(b []byte) (HealthResult, error) {
	schema := fieldSchema{1: protowire.VarintType, 2: protowire.BytesType, 3: protowire.BytesType}
	fields, err := parseFields(b)
	if err != nil {
		return HealthResult{}, err
	}
	var r HealthResult
	for _, f := range fields {
		if p := checkField("CheckHealthResponse", schema, f); p != "" {
			r.WireProblem = append(r.WireProblem, p)
			continue
		}
		switch f.num {
		case 1:
			r.StatusCode = int64(f.value)
		case 2:
			r.Message = string(f.bytes)
		case 3:
			s := string(f.bytes)
			r.JSONDetails = &s
		}
	}
	r.Status = healthStatusNames[r.StatusCode]
	if r.Status == "" {
		r.Status = fmt.Sprintf("INVALID(%d)", r.StatusCode)
	}
	return r, nil
}

// DataResponse is pluginv2.DataResponse, frames kept as bytes.
type DataResponse struct {
	Frames      [][]byte
	Error       string
	Status      int64
	ErrorSource string
	Format      int64
	JSONMeta    []byte
	Problems    []string
}

func decodeDataResponse(b []byte) (DataResponse, error) {
	schema := fieldSchema{
		1: protowire.BytesType, 2: protowire.BytesType, 3: protowire.BytesType,
		4: protowire.VarintType, 5: protowire.BytesType, 6: protowire.VarintType,
	}
	fields, err := parseFields(b)
	if err != nil {
		return DataResponse{}, err
	}
	var r DataResponse
	for _, f := range fields {
		if p := checkField("DataResponse", schema, f); p != "" {
			r.Problems = append(r.Problems, p)
			continue
		}
		switch f.num {
		case 1:
			r.Frames = append(r.Frames, f.bytes)
		case 2:
			r.Error = string(f.bytes)
		case 3:
			r.JSONMeta = f.bytes
		case 4:
			r.Status = int64(int32(f.value))
		case 5:
			r.ErrorSource = string(f.bytes)
		case 6:
			r.Format = int64(f.value)
		}
	}
	return r, nil
}

// decodeQueryDataResponse: pluginv2.QueryDataResponse{1: map<string, DataResponse> responses}. A refId that
// appears twice is reported; the last entry wins, as in protobuf maps.
func decodeQueryDataResponse(b []byte) (map[string]DataResponse, []string, error) {
	fields, err := parseFields(b)
	if err != nil {
		return nil, nil, err
	}
	responses := map[string]DataResponse{}
	var problems []string
	for _, f := range fields {
		if p := checkField("QueryDataResponse", fieldSchema{1: protowire.BytesType}, f); p != "" {
			problems = append(problems, p)
			continue
		}
		entry, err := parseFields(f.bytes)
		if err != nil {
			return nil, nil, fmt.Errorf("responses entry: %w", err)
		}
		var key string
		var value DataResponse
		for _, e := range entry {
			if p := checkField("QueryDataResponse.responses entry", fieldSchema{1: protowire.BytesType, 2: protowire.BytesType}, e); p != "" {
				problems = append(problems, p)
				continue
			}
			if e.num == 1 {
				key = string(e.bytes)
			} else {
				if value, err = decodeDataResponse(e.bytes); err != nil {
					return nil, nil, fmt.Errorf("responses[%q]: %w", key, err)
				}
			}
		}
		if _, dup := responses[key]; dup {
			problems = append(problems, fmt.Sprintf("QueryDataResponse: refId %q appears twice", key))
		}
		responses[key] = value
	}
	return responses, problems, nil
}

// decodeCollectMetricsResponse: pluginv2.CollectMetricsResponse{1: Payload{1: bytes prometheus}}; returns the
// size of the Prometheus text.
func decodeCollectMetricsResponse(b []byte) (int, []string, error) {
	fields, err := parseFields(b)
	if err != nil {
		return 0, nil, err
	}
	size := 0
	var problems []string
	for _, f := range fields {
		if p := checkField("CollectMetricsResponse", fieldSchema{1: protowire.BytesType}, f); p != "" {
			problems = append(problems, p)
			continue
		}
		payload, err := parseFields(f.bytes)
		if err != nil {
			return 0, nil, err
		}
		for _, p := range payload {
			if msg := checkField("CollectMetricsResponse.Payload", fieldSchema{1: protowire.BytesType}, p); msg != "" {
				problems = append(problems, msg)
				continue
			}
			size += len(p.bytes)
		}
	}
	return size, problems, nil
}

package main

// A reader for just enough of the Arrow IPC file format (format/File.fbs, Schema.fbs, Message.fbs) to check a
// data frame the way grafana-plugin-sdk-go's UnmarshalArrowFrame sees it: the file magic at both ends, the
// footer's schema (frame name, refId and meta from the schema metadata; each field's name, type, nullability
// and metadata) and the record batches' row counts. No Arrow library is packaged for Go in Debian, so the
// flatbuffers are walked by hand.

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
)

const arrowMagic = "ARROW1"

// ---- flatbuffers ----

type fbTable struct {
	buf []byte
	pos int
}

var errFlatbuffer = errors.New("flatbuffer out of bounds")

func fbU32(buf []byte, pos int) (uint32, error) {
	if pos < 0 || pos+4 > len(buf) {
		return 0, errFlatbuffer
	}
	return binary.LittleEndian.Uint32(buf[pos:]), nil
}

func fbRoot(buf []byte) (fbTable, error) {
	off, err := fbU32(buf, 0)
	if err != nil {
		return fbTable{}, err
	}
	return fbTable{buf: buf, pos: int(off)}, nil
}

// fieldPos is the absolute position of field slot id, or 0 when the field is absent.
func (t fbTable) fieldPos(id int) (int, error) {
	soff, err := fbU32(t.buf, t.pos)
	if err != nil {
		return 0, err
	}
	vt := t.pos - int(int32(soff))
	if vt < 0 || vt+4 > len(t.buf) {
		return 0, errFlatbuffer
	}
	vtSize := int(binary.LittleEndian.Uint16(t.buf[vt:]))
	slot := 4 + 2*id
	if slot+2 > vtSize {
		return 0, nil
	}
	if vt+slot+2 > len(t.buf) {
		return 0, errFlatbuffer
	}
	off := int(binary.LittleEndian.Uint16(t.buf[vt+slot:]))
	if off == 0 {
		return 0, nil
	}
	return t.pos + off, nil
}

func (t fbTable) scalar(id, size int, def uint64) (uint64, error) {
	p, err := t.fieldPos(id)
	if err != nil || p == 0 {
		return def, err
	}
	if p+size > len(t.buf) {
		return 0, errFlatbuffer
	}
	switch size {
	case 1:
		return uint64(t.buf[p]), nil
	case 2:
		return uint64(binary.LittleEndian.Uint16(t.buf[p:])), nil
	case 4:
		return uint64(binary.LittleEndian.Uint32(t.buf[p:])), nil
	default:
		return binary.LittleEndian.Uint64(t.buf[p:]), nil
	}
}

// indirect follows the uoffset stored at p.
func (t fbTable) indirect(p int) (int, error) {
	off, err := fbU32(t.buf, p)
	if err != nil {
		return 0, err
	}
	return p + int(off), nil
}

func (t fbTable) table(id int) (*fbTable, error) {
	p, err := t.fieldPos(id)
	if err != nil || p == 0 {
		return nil, err
	}
	q, err := t.indirect(p)
	if err != nil {
		return nil, err
	}
	return &fbTable{buf: t.buf, pos: q}, nil
}

func (t fbTable) str(id int) (string, bool, error) {
	p, err := t.fieldPos(id)
	if err != nil || p == 0 {
		return "", false, err
	}
	q, err := t.indirect(p)
	if err != nil {
		return "", false, err
	}
	n, err := fbU32(t.buf, q)
	if err != nil {
		return "", false, err
	}
	if q+4+int(n) > len(t.buf) {
		return "", false, errFlatbuffer
	}
	return string(t.buf[q+4 : q+4+int(n)]), true, nil
}

// vector returns the position of the first element and the length, or (0, 0) when absent.
func (t fbTable) vector(id int) (int, int, error) {
	p, err := t.fieldPos(id)
	if err != nil || p == 0 {
		return 0, 0, err
	}
	q, err := t.indirect(p)
	if err != nil {
		return 0, 0, err
	}
	n, err := fbU32(t.buf, q)
	if err != nil {
		return 0, 0, err
	}
	if int(n) > len(t.buf) {
		return 0, 0, errFlatbuffer
	}
	return q + 4, int(n), nil
}

func (t fbTable) tables(id int) ([]fbTable, error) {
	start, n, err := t.vector(id)
	if err != nil {
		return nil, err
	}
	out := make([]fbTable, 0, n)
	for i := 0; i < n; i++ {
		q, err := t.indirect(start + 4*i)
		if err != nil {
			return nil, err
		}
		out = append(out, fbTable{buf: t.buf, pos: q})
	}
	return out, nil
}

// keyValues reads a [KeyValue] vector (KeyValue: key 0, value 1) into a map; a repeated key is an error.
func (t fbTable) keyValues(id int) (map[string]string, error) {
	kvs, err := t.tables(id)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, kv := range kvs {
		k, _, err := kv.str(0)
		if err != nil {
			return nil, err
		}
		v, _, err := kv.str(1)
		if err != nil {
			return nil, err
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("metadata key %q repeated", k)
		}
		out[k] = v
	}
	return out, nil
}

// ---- Arrow ----

// ArrowField is one column of a frame as the SDK reads it.
type ArrowField struct {
	Name     string            `json:"name"`
	Type     string            `json:"type"`
	Nullable bool              `json:"nullable"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// FrameSummary is what the host reports for one frame of a DataResponse.
type FrameSummary struct {
	Bytes    int             `json:"bytes"`
	MagicOK  bool            `json:"magicOk"`
	Name     string          `json:"name"`
	RefID    string          `json:"refId"`
	Meta     json.RawMessage `json:"meta,omitempty"`
	Fields   []ArrowField    `json:"fields"`
	Rows     int64           `json:"rows"`
	Batches  int             `json:"batches"`
	Problems []string        `json:"problems,omitempty"`
}

// Arrow's Type union (Schema.fbs), by the union's type id.
var arrowTypeNames = map[uint64]string{
	0: "NONE", 1: "Null", 2: "Int", 3: "FloatingPoint", 4: "Binary", 5: "Utf8", 6: "Bool", 7: "Decimal",
	8: "Date", 9: "Time", 10: "Timestamp", 11: "Interval", 12: "List", 13: "Struct", 14: "Union",
	15: "FixedSizeBinary", 16: "FixedSizeList", 17: "Map", 18: "Duration", 19: "LargeBinary", 20: "LargeUtf8",
	21: "LargeList", 22: "RunEndEncoded", 23: "BinaryView", 24: "Utf8View", 25: "ListView", 26: "LargeListView",
}

var timeUnits = map[uint64]string{0: "s", 1: "ms", 2: "us", 3: "ns"}

// fieldType names the column type and tells whether the SDK's reader (data/arrow.go initializeFrameField)
// converts it: strings, signed and unsigned ints of 8-64 bits, float32/64, bool, timestamps (read as
// nanoseconds whatever the unit says) and binary.
func fieldType(f fbTable) (string, string, error) {
	typeID, err := f.scalar(2, 1, 0)
	if err != nil {
		return "", "", err
	}
	name, known := arrowTypeNames[typeID]
	if !known {
		return fmt.Sprintf("type#%d", typeID), "unknown Arrow type", nil
	}
	detail, err := f.table(3)
	if err != nil {
		return "", "", err
	}
	switch typeID {
	case 2: // Int {bitWidth: int 0, is_signed: bool 1}
		if detail == nil {
			return name, "Int without bitWidth", nil
		}
		width, err := detail.scalar(0, 4, 0)
		if err != nil {
			return "", "", err
		}
		signed, err := detail.scalar(1, 1, 0)
		if err != nil {
			return "", "", err
		}
		prefix := "uint"
		if signed != 0 {
			prefix = "int"
		}
		t := fmt.Sprintf("%s%d", prefix, width)
		if width != 8 && width != 16 && width != 32 && width != 64 {
			return t, "unsupported int width", nil
		}
		return t, "", nil
	case 3: // FloatingPoint {precision: short 0; HALF, SINGLE, DOUBLE}
		precision := uint64(0)
		if detail != nil {
			if precision, err = detail.scalar(0, 2, 0); err != nil {
				return "", "", err
			}
		}
		switch precision {
		case 1:
			return "float32", "", nil
		case 2:
			return "float64", "", nil
		}
		return "float16", "the SDK reads float32 and float64 only", nil
	case 10: // Timestamp {unit: short 0, timezone: string 1}
		unit := uint64(0)
		tz := ""
		if detail != nil {
			if unit, err = detail.scalar(0, 2, 0); err != nil {
				return "", "", err
			}
			if tz, _, err = detail.str(1); err != nil {
				return "", "", err
			}
		}
		t := "timestamp[" + timeUnits[unit]
		if tz != "" {
			t += "," + tz
		}
		t += "]"
		if unit != 3 {
			return t, "the SDK reads timestamps as nanoseconds", nil
		}
		return t, "", nil
	case 5:
		return "utf8", "", nil
	case 24:
		return "utf8view", "only recent SDKs read Utf8View", nil
	case 6:
		return "bool", "", nil
	case 4:
		return "binary", "", nil
	}
	return name, "the SDK does not read this type", nil
}

// readMessageHeader reads the encapsulated message at off (optional 0xFFFFFFFF continuation, int32 size,
// flatbuffer) and returns its Message table.
func readMessageHeader(file []byte, off int) (fbTable, error) {
	if off < 0 || off+8 > len(file) {
		return fbTable{}, errors.New("block offset outside the file")
	}
	p := off
	if binary.LittleEndian.Uint32(file[p:]) == 0xFFFFFFFF {
		p += 4
	}
	size := int(int32(binary.LittleEndian.Uint32(file[p:])))
	p += 4
	if size <= 0 || p+size > len(file) {
		return fbTable{}, errors.New("message size outside the file")
	}
	return fbRoot(file[p : p+size])
}

// summarizeFrame checks one frame as the Go SDK's file reader would read it.
func summarizeFrame(file []byte, wantRefID string) FrameSummary {
	s := FrameSummary{Bytes: len(file), Fields: []ArrowField{}}
	problem := func(format string, args ...interface{}) {
		s.Problems = append(s.Problems, fmt.Sprintf(format, args...))
	}
	n := len(file)
	s.MagicOK = n >= 2*len(arrowMagic)+8 && string(file[:6]) == arrowMagic && string(file[n-6:]) == arrowMagic
	if !s.MagicOK {
		problem("not an Arrow IPC file: no %q at both ends", arrowMagic)
		return s
	}
	footerLen := int(int32(binary.LittleEndian.Uint32(file[n-10:])))
	if footerLen <= 0 || footerLen > n-18 {
		problem("footer length %d outside the file", footerLen)
		return s
	}
	if err := readFooter(file, file[n-10-footerLen:n-10], wantRefID, &s); err != nil {
		problem("footer: %v", err)
	}
	return s
}

func readFooter(file, footerBuf []byte, wantRefID string, s *FrameSummary) error {
	problem := func(format string, args ...interface{}) {
		s.Problems = append(s.Problems, fmt.Sprintf(format, args...))
	}
	// Footer {version: short 0, schema: Schema 1, dictionaries: [Block] 2, recordBatches: [Block] 3}
	footer, err := fbRoot(footerBuf)
	if err != nil {
		return err
	}
	schema, err := footer.table(1)
	if err != nil {
		return err
	}
	if schema == nil {
		return errors.New("no schema")
	}
	// Schema {endianness: short 0 (Little = 0), fields: [Field] 1, custom_metadata: [KeyValue] 2}
	endianness, err := schema.scalar(0, 2, 0)
	if err != nil {
		return err
	}
	if endianness != 0 {
		problem("big-endian schema")
	}
	meta, err := schema.keyValues(2)
	if err != nil {
		return err
	}
	s.Name = meta["name"]
	s.RefID = meta["refId"]
	if s.RefID != wantRefID {
		problem("refId %q in the frame, response key %q", s.RefID, wantRefID)
	}
	if m, ok := meta["meta"]; ok {
		if !json.Valid([]byte(m)) {
			problem("schema metadata meta is not JSON")
		} else {
			s.Meta = json.RawMessage(m)
		}
	}
	fields, err := schema.tables(1)
	if err != nil {
		return err
	}
	for i, f := range fields {
		// Field {name 0, nullable 1, type_type 2, type 3, dictionary 4, children 5, custom_metadata 6}
		name, _, err := f.str(0)
		if err != nil {
			return err
		}
		nullable, err := f.scalar(1, 1, 0)
		if err != nil {
			return err
		}
		typeName, unsupported, err := fieldType(f)
		if err != nil {
			return err
		}
		fieldMeta, err := f.keyValues(6)
		if err != nil {
			return err
		}
		af := ArrowField{Name: name, Type: typeName, Nullable: nullable != 0}
		if len(fieldMeta) > 0 {
			af.Metadata = fieldMeta
		}
		if unsupported != "" {
			problem("field %d %q: %s: %s", i, name, typeName, unsupported)
		}
		if dict, err := f.table(4); err != nil {
			return err
		} else if dict != nil {
			problem("field %d %q is dictionary-encoded; the SDK rejects it", i, name)
		}
		for _, key := range []string{"labels", "config"} {
			if v, ok := fieldMeta[key]; ok && !json.Valid([]byte(v)) {
				problem("field %d %q: metadata %s is not JSON", i, name, key)
			}
		}
		s.Fields = append(s.Fields, af)
	}
	if _, count, err := footer.vector(2); err != nil {
		return err
	} else if count > 0 {
		problem("%d dictionary batches; the SDK rejects dictionaries", count)
	}
	// Block struct: offset int64 @0, metaDataLength int32 @8, bodyLength int64 @16 (24 bytes)
	start, count, err := footer.vector(3)
	if err != nil {
		return err
	}
	if start+24*count > len(footerBuf) {
		return errFlatbuffer
	}
	s.Batches = count
	for i := 0; i < count; i++ {
		block := footerBuf[start+24*i:]
		offset := int(int64(binary.LittleEndian.Uint64(block)))
		msg, err := readMessageHeader(file, offset)
		if err != nil {
			return fmt.Errorf("record batch %d: %w", i, err)
		}
		// Message {version 0, header_type 1, header 2, bodyLength 3}; RecordBatch = 3
		headerType, err := msg.scalar(1, 1, 0)
		if err != nil {
			return err
		}
		if headerType != 3 {
			return fmt.Errorf("record batch %d: message type %d", i, headerType)
		}
		batch, err := msg.table(2)
		if err != nil {
			return err
		}
		if batch == nil {
			return fmt.Errorf("record batch %d: no header", i)
		}
		// RecordBatch {length: long 0, nodes: [FieldNode] 1, buffers 2, compression 3}
		rows, err := batch.scalar(0, 8, 0)
		if err != nil {
			return err
		}
		s.Rows += int64(rows)
		if _, nodes, err := batch.vector(1); err != nil {
			return err
		} else if nodes != len(fields) {
			problem("record batch %d: %d field nodes for %d fields", i, nodes, len(fields))
		}
		if c, err := batch.table(3); err != nil {
			return err
		} else if c != nil {
			problem("record batch %d is compressed", i)
		}
	}
	return nil
}

package main

// The harness's own model of what the write methods change: each host's standard switches and
// their portgroups, its VMkernel adapters and its proxy switches (the host's share of each
// distributed switch). A write edits a copy of one host's model (network.go), the fault model
// judges the before/after pair (faults.go), and only then is the copy committed and rendered
// into the vim25 properties vCenter reports (render.go). The model is the truth; the vim25
// objects are its picture.
//
// One mutex guards the model and every object the harness writes: those objects implement
// sync.Locker with it, so vcsim's dispatcher holds it while a harness method runs and its
// property collector holds it while it reads one of them. Harness code therefore never locks
// a harness object itself (the mutex is not reentrant).

import (
	"sort"
	"strconv"
	"sync"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

var worldMu sync.Mutex

// worldLocked makes a registry object lock the world mutex (see the file comment).
type worldLocked struct{}

func (worldLocked) Lock()   { worldMu.Lock() }
func (worldLocked) Unlock() { worldMu.Unlock() }

// The registry objects the harness owns. Each keeps its vim25 data (mo type) as its first
// field, which is where vcsim looks for it, and has exactly the methods the harness models:
// any other method answers MethodNotFound rather than a silent stub.

type esxHost struct {
	mo.HostSystem
	worldLocked
	w *world
}

type hostNetworkSystem struct {
	mo.HostNetworkSystem
	worldLocked
	w    *world
	host string
}

// vmwareDVS carries a switch under the managed-object type vCenter reports,
// VmwareDistributedVirtualSwitch.
type vmwareDVS struct {
	mo.VmwareDistributedVirtualSwitch
	worldLocked
	w *world
}

type dvPortgroup struct {
	mo.DistributedVirtualPortgroup
	worldLocked
}

type harnessVM struct {
	mo.VirtualMachine
	worldLocked
	nics []*vmNic // its network adapters, rendered into config.hardware.device
}

// vmNic is one network adapter of a VM: on a standard portgroup of whichever host runs the VM
// (network, by name), or on a port of a distributed portgroup.
type vmNic struct {
	key     int32
	label   string
	mac     string
	network string
	dvs     *dvsM
	dvPG    string
	dvPort  string
}

type harnessAlarm struct {
	mo.Alarm
	worldLocked
}

// hostM is one host as the write methods see it.
type hostM struct {
	name    string
	index   int // position in the fixture: deterministic MACs and addresses
	cluster string
	dc      string
	obj     *esxHost
	netSys  *hostNetworkSystem
	pnics   []types.PhysicalNic            // fixed hardware
	netBase types.HostNetworkInfo          // DNS, routes and stacks of the ESX template, never written
	netRefs []types.ManagedObjectReference // HostSystem.network besides distributed portgroups

	vswitches []*vswitchM
	vnics     []*vnicM
	proxies   []*proxyM
	// lacpOrigin: a pnic that left an LACP LAG of that distributed switch and has not been on
	// a standard switch since. Attaching it to another distributed switch is the 2016 crash.
	lacpOrigin  map[string]*dvsM
	nextVssPort int

	crashed  *crashInfo // purple screen: down until reset through the control endpoint
	isolated bool       // management network lost with network rollback off
	entering bool       // an EnterMaintenanceMode_Task is running
}

type crashInfo struct {
	Pnic string `json:"pnic"`
	From string `json:"from"`
	To   string `json:"to"`
	Via  string `json:"method"`
}

type vswitchM struct {
	name       string
	pnics      []string // bridge order (HostVirtualSwitchBondBridge.nicDevice)
	portgroups []*portgroupM
	numPorts   int32
	mtu        int32
}

type portgroupM struct {
	name string
	vlan int32
	// teaming is the portgroup's own failover order (HostPortGroupSpec.policy.nicTeaming); nil:
	// it inherits the switch's
	teaming *types.HostNicTeamingPolicy
}

type vnicM struct {
	device   string
	spec     types.HostVirtualNicSpec // address, MAC, MTU; location is kept below
	services []string                 // inventory service names
	// where it is: a standard portgroup, or a port of a distributed portgroup
	portgroup string
	vssPort   string
	dvs       *dvsM
	dvPG      string
	dvPort    string
}

// proxyM is the host's proxy switch of one distributed switch: its uplink and LAG ports (one
// DV port per uplink name, made when the host joined) and which pnic backs which port.
type proxyM struct {
	dvs    *dvsM
	joined int
	ports  []portM
	pnics  []pnicOnPort
}

type portM struct {
	name string // uplink1, lag1-0, ...
	key  string // DV port key
}

type pnicOnPort struct {
	device string
	port   string // DV port key
}

// dvsM is one distributed switch: what the fixture says about it and what writes change.
type dvsM struct {
	index    int
	inv      dvSwitch
	obj      *vmwareDVS
	uplinkPG *dvPortgroup
	pgs      []*dvPortgroup // every portgroup, the uplink portgroup included, by creation
	teaming  map[string]*teaming
	lagKeys  map[string]string
	product  types.DistributedVirtualSwitchProductSpec
	version  int
	nextPort int
	// while the world is built: vcsim's switch, and the ports made for the fixture's members
	// (host -> uplink name -> key)
	sim        *simulator.DistributedVirtualSwitch
	buildPorts map[string]map[string]string
}

func (d *dvsM) name() string { return d.inv.Name }
func (d *dvsM) uuid() string { return d.obj.Uuid }

func (d *dvsM) newPort() string {
	key := strconv.Itoa(d.nextPort)
	d.nextPort++
	return key
}

func (d *dvsM) configVersion() string { return strconv.Itoa(d.version) }

// inLag: a pnic on this port is a member of an LACP LAG — a port of an enhanced-LACP LAG, or
// any uplink of a switch whose portgroups run basic (single-LAG) LACP.
func (d *dvsM) inLag(portName string) bool {
	if d.lagOf(portName) != "" {
		return true
	}
	if d.inv.Lacp != nil && d.inv.Lacp.APIVersion == "singleLag" {
		for _, pg := range d.inv.Portgroups {
			if pg.Lacp != nil && pg.Lacp.Enabled {
				return true
			}
		}
	}
	return false
}

// lagOf names the LAG a port belongs to ("lag1" for "lag1-0"), or "".
func (d *dvsM) lagOf(portName string) string {
	if d.inv.Lacp == nil {
		return ""
	}
	for _, l := range d.inv.Lacp.Lags {
		for _, p := range l.ports() {
			if p == portName {
				return l.Name
			}
		}
	}
	return ""
}

func (d *dvsM) portgroupByKey(key string) *dvPortgroup {
	for _, pg := range d.pgs {
		if pg.Key == key {
			return pg
		}
	}
	return nil
}

// carries: whether a portgroup's failover order uses this uplink port (a LAG by its name).
// No teaming, or an empty order, uses every uplink.
func (d *dvsM) carries(pgName, portName string) bool {
	t := d.teaming[pgName]
	if t == nil || (len(t.Active) == 0 && len(t.Standby) == 0) {
		return true
	}
	lag := d.lagOf(portName)
	for _, name := range append(append([]string(nil), t.Active...), t.Standby...) {
		if name == portName || (lag != "" && name == lag) {
			return true
		}
	}
	return false
}

func (h *hostM) vswitch(name string) *vswitchM {
	for _, vs := range h.vswitches {
		if vs.name == name {
			return vs
		}
	}
	return nil
}

// portgroup finds a standard portgroup by name (names are unique on a host) and its switch.
func (h *hostM) portgroup(name string) (*vswitchM, *portgroupM) {
	for _, vs := range h.vswitches {
		for _, pg := range vs.portgroups {
			if pg.name == name {
				return vs, pg
			}
		}
	}
	return nil, nil
}

// uses: whether the portgroup's failover order names this pnic of its switch; without an order
// of its own it inherits the switch's, which uses every bridged pnic.
func (pg *portgroupM) uses(pnic string) bool {
	if pg.teaming == nil || pg.teaming.NicOrder == nil {
		return true
	}
	return contains(pg.teaming.NicOrder.ActiveNic, pnic) || contains(pg.teaming.NicOrder.StandbyNic, pnic)
}

// connects: whether this host can give the VM adapter its network — a standard portgroup of
// that name here, or membership of its distributed switch.
func (h *hostM) connects(n *vmNic) bool {
	if n.dvs != nil {
		return h.proxy(n.dvs) != nil
	}
	_, pg := h.portgroup(n.network)
	return pg != nil
}

func (h *hostM) vnic(device string) *vnicM {
	for _, v := range h.vnics {
		if v.device == device {
			return v
		}
	}
	return nil
}

func (h *hostM) proxy(d *dvsM) *proxyM {
	for _, p := range h.proxies {
		if p.dvs == d {
			return p
		}
	}
	return nil
}

func (h *hostM) hasPnic(device string) bool {
	for _, p := range h.pnics {
		if p.Device == device {
			return true
		}
	}
	return false
}

func (p *proxyM) portName(key string) string {
	for _, port := range p.ports {
		if port.key == key {
			return port.name
		}
	}
	return ""
}

func (p *proxyM) portKey(name string) string {
	for _, port := range p.ports {
		if port.name == name {
			return port.key
		}
	}
	return ""
}

// pnicLocation is where a pnic is: on a standard switch, on a port of a proxy switch, or free.
type pnicLocation struct {
	vss  string
	dvs  *dvsM
	port string // port name
}

func (h *hostM) locate(device string) pnicLocation {
	for _, vs := range h.vswitches {
		for _, p := range vs.pnics {
			if p == device {
				return pnicLocation{vss: vs.name}
			}
		}
	}
	for _, px := range h.proxies {
		for _, b := range px.pnics {
			if b.device == device {
				return pnicLocation{dvs: px.dvs, port: px.portName(b.port)}
			}
		}
	}
	return pnicLocation{}
}

func (l pnicLocation) String() string {
	switch {
	case l.vss != "":
		return "standard switch " + l.vss
	case l.dvs != nil:
		return "distributed switch " + l.dvs.name() + " (" + l.port + ")"
	default:
		return "no switch"
	}
}

// managementUp: a management VMkernel adapter has a pnic that can carry its traffic — on a
// standard portgroup, a pnic of its switch that the portgroup's failover order uses (without
// an order of its own: any of the switch's), or on a distributed portgroup whose failover
// order uses a port that a pnic of this host backs.
func (h *hostM) managementUp(v *vnicM) bool {
	if v.portgroup != "" {
		vs, pg := h.portgroup(v.portgroup)
		if vs == nil {
			return false
		}
		for _, p := range vs.pnics {
			if pg.uses(p) {
				return true
			}
		}
		return false
	}
	if v.dvs == nil {
		return false
	}
	px := h.proxy(v.dvs)
	pg := v.dvs.portgroupByKey(v.dvPG)
	if px == nil || pg == nil {
		return false
	}
	for _, b := range px.pnics {
		if v.dvs.carries(pg.Name, px.portName(b.port)) {
			return true
		}
	}
	return false
}

func (v *vnicM) management() bool { return contains(v.services, "management") }

// clone copies everything a write may change; registry objects and switches are shared.
func (h *hostM) clone() *hostM {
	c := *h
	c.vswitches = nil
	for _, vs := range h.vswitches {
		v := *vs
		v.pnics = append([]string(nil), vs.pnics...)
		v.portgroups = nil
		for _, pg := range vs.portgroups {
			p := *pg
			v.portgroups = append(v.portgroups, &p)
		}
		c.vswitches = append(c.vswitches, &v)
	}
	c.vnics = nil
	for _, vn := range h.vnics {
		v := *vn
		c.vnics = append(c.vnics, &v)
	}
	c.proxies = nil
	for _, px := range h.proxies {
		p := *px
		p.ports = append([]portM(nil), px.ports...)
		p.pnics = append([]pnicOnPort(nil), px.pnics...)
		c.proxies = append(c.proxies, &p)
	}
	c.lacpOrigin = map[string]*dvsM{}
	for k, v := range h.lacpOrigin {
		c.lacpOrigin[k] = v
	}
	return &c
}

// sortProxies keeps proxy switches in the switches' fixture order, as they are rendered.
func (h *hostM) sortProxies() {
	sort.SliceStable(h.proxies, func(i, j int) bool { return h.proxies[i].dvs.index < h.proxies[j].dvs.index })
}

func (d *dvsM) portgroupByName(name string) *dvPortgroup {
	for _, pg := range d.pgs {
		if pg.Name == name {
			return pg
		}
	}
	return nil
}

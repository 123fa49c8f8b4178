package main

// The vsguard Inventory document (docs/spec/formats.md, section 1), as far as the harness needs it,
// and the checks that make a bad fixture fail with one line naming the field instead of
// producing a half-built vCenter.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

type inventory struct {
	APIVersion          string      `json:"apiVersion"`
	Kind                string      `json:"kind"`
	Source              *source     `json:"source"`
	VCenter             *vcenterRef `json:"vcenter"`
	Datacenters         []named     `json:"datacenters"`
	Clusters            []cluster   `json:"clusters"`
	Hosts               []host      `json:"hosts"`
	DistributedSwitches []dvSwitch  `json:"distributedSwitches"`
}

type source struct {
	Type         string `json:"type"`
	URL          string `json:"url"`
	APIVersion   string `json:"apiVersion"`
	InstanceUUID string `json:"instanceUuid"`
}

type vcenterRef struct {
	VMName string `json:"vmName"`
	Host   string `json:"host"`
}

type named struct {
	Name string `json:"name"`
}

type cluster struct {
	Name                    string   `json:"name"`
	Datacenter              string   `json:"datacenter"`
	DrsEnabled              bool     `json:"drsEnabled"`
	HaEnabled               bool     `json:"haEnabled"`
	HaHostFailuresTolerated int32    `json:"haHostFailuresTolerated"`
	Hosts                   []string `json:"hosts"`
}

type host struct {
	ID               string           `json:"id"`
	Name             string           `json:"name"`
	Datacenter       string           `json:"datacenter"`
	Cluster          string           `json:"cluster"`
	Version          string           `json:"version"`
	Build            string           `json:"build"`
	ConnectionState  string           `json:"connectionState"`
	MaintenanceMode  bool             `json:"maintenanceMode"`
	Pnics            []string         `json:"pnics"`
	StandardSwitches []standardSwitch `json:"standardSwitches"`
	Vmkernels        []vmkernel       `json:"vmkernels"`
	VMCount          int              `json:"vmCount"`
	VMs              []string         `json:"vms"`
	VMAdapters       []vmAdapter      `json:"vmAdapters"`
}

type standardSwitch struct {
	Name              string       `json:"name"`
	Pnics             []string     `json:"pnics"`
	Portgroups        []string     `json:"portgroups"`
	Mtu               *int32       `json:"mtu"`
	PortgroupSettings []pgSettings `json:"portgroupSettings"`
}

// pgSettings is a standard portgroup's VLAN and effective teaming (pnics by device).
type pgSettings struct {
	Name    string   `json:"name"`
	Vlan    *int32   `json:"vlan"`
	Teaming *teaming `json:"teaming"`
}

type vmkernel struct {
	Device    string   `json:"device"`
	Switch    string   `json:"switch"`
	Portgroup string   `json:"portgroup"`
	Services  []string `json:"services"`
	Mtu       *int32   `json:"mtu"`
}

// vmAdapter is one network adapter of a VM on the host: its label, switch and portgroup.
type vmAdapter struct {
	VM        string `json:"vm"`
	Adapter   string `json:"adapter"`
	Switch    string `json:"switch"`
	Portgroup string `json:"portgroup"`
}

type dvSwitch struct {
	ID         string      `json:"id"`
	UUID       string      `json:"uuid"`
	Name       string      `json:"name"`
	Datacenter string      `json:"datacenter"`
	Version    string      `json:"version"`
	Mtu        *int32      `json:"mtu"`
	Uplinks    []string    `json:"uplinks"`
	Lacp       *lacp       `json:"lacp"`
	Members    []member    `json:"members"`
	Portgroups []portgroup `json:"portgroups"`
}

type lacp struct {
	APIVersion string `json:"apiVersion"`
	Lags       []lag  `json:"lags"`
}

type lag struct {
	Name          string `json:"name"`
	Mode          string `json:"mode"`
	UplinkCount   int    `json:"uplinkCount"`
	LoadBalancing string `json:"loadBalancing"`
}

type member struct {
	Host  string       `json:"host"`
	Pnics []pnicUplink `json:"pnics"`
}

type pnicUplink struct {
	Device string `json:"device"`
	Uplink string `json:"uplink"`
}

type portgroup struct {
	Name            string      `json:"name"`
	Key             string      `json:"key"`
	Vlan            *int32      `json:"vlan"`
	VlanTrunk       []vlanRange `json:"vlanTrunk"`
	UplinkPortgroup bool        `json:"uplinkPortgroup"`
	Teaming         *teaming    `json:"teaming"`
	Lacp            *pgLacp     `json:"lacp"`
}

type vlanRange struct {
	Start int32 `json:"start"`
	End   int32 `json:"end"`
}

type teaming struct {
	Policy  string   `json:"policy"`
	Active  []string `json:"active"`
	Standby []string `json:"standby"`
}

type pgLacp struct {
	Enabled bool   `json:"enabled"`
	Mode    string `json:"mode"`
}

// serviceNicTypes maps the inventory's vmkernel service names to the vim25
// HostVirtualNicManagerNicType values vCenter reports in virtualNicManagerInfo.
var serviceNicTypes = map[string]string{
	"management":   "management",
	"vmotion":      "vmotion",
	"vsan":         "vsan",
	"ft":           "faultToleranceLogging",
	"provisioning": "vSphereProvisioning",
	"replication":  "vSphereReplication",
}

// ports names the uplink ports of a LAG the way vCenter does: lag1-0, lag1-1, ...
func (l lag) ports() []string {
	names := make([]string, l.UplinkCount)
	for i := range names {
		names[i] = fmt.Sprintf("%s-%d", l.Name, i)
	}
	return names
}

// uplinkNames lists every uplink port name of the switch: plain uplinks, then LAG ports.
func (s dvSwitch) uplinkNames() []string {
	names := append([]string(nil), s.Uplinks...)
	if s.Lacp != nil {
		for _, l := range s.Lacp.Lags {
			names = append(names, l.ports()...)
		}
	}
	return names
}

func loadInventory(path string) (*inventory, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %v", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var inv inventory
	if err := dec.Decode(&inv); err != nil {
		return nil, fmt.Errorf("%s: not an Inventory JSON document: %v", path, err)
	}
	if err := inv.validate(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &inv, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (inv *inventory) validate() error {
	if inv.APIVersion != "vsguard/v1" {
		return fmt.Errorf("apiVersion: expected \"vsguard/v1\", got %q", inv.APIVersion)
	}
	if inv.Kind != "Inventory" {
		return fmt.Errorf("kind: expected \"Inventory\", got %q", inv.Kind)
	}
	dcs := map[string]bool{}
	for i, dc := range inv.Datacenters {
		if dc.Name == "" || dcs[dc.Name] {
			return fmt.Errorf("datacenters[%d].name: expected a unique non-empty name, got %q", i, dc.Name)
		}
		dcs[dc.Name] = true
	}
	clusters := map[string]cluster{}
	for i, c := range inv.Clusters {
		if c.Name == "" || clusters[c.Name].Name != "" {
			return fmt.Errorf("clusters[%d].name: expected a unique non-empty name, got %q", i, c.Name)
		}
		if !dcs[c.Datacenter] {
			return fmt.Errorf("clusters[%d].datacenter: %q is not in datacenters", i, c.Datacenter)
		}
		clusters[c.Name] = c
	}
	hosts := map[string]host{}
	for i, h := range inv.Hosts {
		at := fmt.Sprintf("hosts[%d]", i)
		if h.Name == "" || hosts[h.Name].Name != "" {
			return fmt.Errorf("%s.name: expected a unique non-empty name, got %q", at, h.Name)
		}
		if !dcs[h.Datacenter] {
			return fmt.Errorf("%s.datacenter: %q is not in datacenters", at, h.Datacenter)
		}
		if h.Cluster != "" {
			c, ok := clusters[h.Cluster]
			if !ok {
				return fmt.Errorf("%s.cluster: %q is not in clusters", at, h.Cluster)
			}
			if c.Datacenter != h.Datacenter {
				return fmt.Errorf("%s.cluster: %q is in datacenter %q, host is in %q", at, h.Cluster, c.Datacenter, h.Datacenter)
			}
		}
		switch h.ConnectionState {
		case "connected", "disconnected", "notResponding":
		default:
			return fmt.Errorf("%s.connectionState: expected connected|disconnected|notResponding, got %q", at, h.ConnectionState)
		}
		if h.VMCount < 0 {
			return fmt.Errorf("%s.vmCount: expected a number >= 0, got %d", at, h.VMCount)
		}
		// vCenter's HostSystem.vm is one list: its length is the count and its members the names.
		if len(h.VMs) > 0 && len(h.VMs) != h.VMCount {
			return fmt.Errorf("%s.vms: %d names but vmCount is %d; expected as many names as vmCount", at, len(h.VMs), h.VMCount)
		}
		seen := map[string]bool{}
		for j, vm := range h.VMs {
			if vm == "" || seen[vm] {
				return fmt.Errorf("%s.vms[%d]: expected a unique non-empty VM name, got %q", at, j, vm)
			}
			seen[vm] = true
		}
		for j, s := range h.StandardSwitches {
			for _, p := range s.Pnics {
				if !contains(h.Pnics, p) {
					return fmt.Errorf("%s.standardSwitches[%d].pnics: %q is not in the host's pnics", at, j, p)
				}
			}
			if err := checkMtu(fmt.Sprintf("%s.standardSwitches[%d].mtu", at, j), s.Mtu); err != nil {
				return err
			}
			named := map[string]bool{}
			for k, ps := range s.PortgroupSettings {
				pat := fmt.Sprintf("%s.standardSwitches[%d].portgroupSettings[%d]", at, j, k)
				if !contains(s.Portgroups, ps.Name) || named[ps.Name] {
					return fmt.Errorf("%s.name: expected a portgroup of the switch, once; got %q", pat, ps.Name)
				}
				named[ps.Name] = true
				if ps.Vlan != nil && (*ps.Vlan < 0 || *ps.Vlan > 4095) {
					return fmt.Errorf("%s.vlan: expected 0..4095, got %d", pat, *ps.Vlan)
				}
				if t := ps.Teaming; t != nil {
					// ESXi always reports the policy; the harness serves what the fixture says, no default
					if t.Policy == "" {
						return fmt.Errorf("%s.teaming.policy: expected a teaming policy, e.g. loadbalance_srcid", pat)
					}
					for _, p := range append(append([]string(nil), t.Active...), t.Standby...) {
						if !contains(s.Pnics, p) {
							return fmt.Errorf("%s.teaming: %q is not a pnic of standard switch %q", pat, p, s.Name)
						}
					}
				}
			}
		}
		for j, v := range h.Vmkernels {
			if !strings.HasPrefix(v.Device, "vmk") {
				return fmt.Errorf("%s.vmkernels[%d].device: expected vmkN, got %q", at, j, v.Device)
			}
			if err := checkMtu(fmt.Sprintf("%s.vmkernels[%d].mtu", at, j), v.Mtu); err != nil {
				return err
			}
			for _, s := range v.Services {
				if _, ok := serviceNicTypes[s]; !ok {
					return fmt.Errorf("%s.vmkernels[%d].services: expected management|vmotion|vsan|ft|provisioning|replication, got %q", at, j, s)
				}
			}
		}
		hosts[h.Name] = h
	}
	for _, c := range inv.Clusters {
		for _, hn := range c.Hosts {
			if hosts[hn].Cluster != c.Name {
				return fmt.Errorf("clusters[%q].hosts: %q is not a host with cluster %q", c.Name, hn, c.Name)
			}
		}
	}
	switches := map[string]dvSwitch{}
	uuids := map[string]string{}
	for i, s := range inv.DistributedSwitches {
		at := fmt.Sprintf("distributedSwitches[%d]", i)
		if s.Name == "" || switches[s.Name].Name != "" {
			return fmt.Errorf("%s.name: expected a unique non-empty name, got %q", at, s.Name)
		}
		if !dcs[s.Datacenter] {
			return fmt.Errorf("%s.datacenter: %q is not in datacenters", at, s.Datacenter)
		}
		if s.Lacp != nil {
			switch s.Lacp.APIVersion {
			case "singleLag", "multipleLag":
			default:
				return fmt.Errorf("%s.lacp.apiVersion: expected singleLag|multipleLag, got %q", at, s.Lacp.APIVersion)
			}
			for j, l := range s.Lacp.Lags {
				if l.Name == "" || l.UplinkCount < 1 {
					return fmt.Errorf("%s.lacp.lags[%d]: expected a name and uplinkCount >= 1", at, j)
				}
				if l.Mode != "active" && l.Mode != "passive" {
					return fmt.Errorf("%s.lacp.lags[%d].mode: expected active|passive, got %q", at, j, l.Mode)
				}
			}
		}
		uplinks := s.uplinkNames()
		for j, m := range s.Members {
			h, ok := hosts[m.Host]
			if !ok {
				return fmt.Errorf("%s.members[%d].host: %q is not in hosts", at, j, m.Host)
			}
			if h.Datacenter != s.Datacenter {
				return fmt.Errorf("%s.members[%d].host: %q is in datacenter %q, switch is in %q", at, j, m.Host, h.Datacenter, s.Datacenter)
			}
			for k, p := range m.Pnics {
				if !contains(h.Pnics, p.Device) {
					return fmt.Errorf("%s.members[%d].pnics[%d].device: %q is not a pnic of host %q", at, j, k, p.Device, m.Host)
				}
				if !contains(uplinks, p.Uplink) {
					return fmt.Errorf("%s.members[%d].pnics[%d].uplink: %q is not an uplink or LAG port of the switch", at, j, k, p.Uplink)
				}
			}
		}
		if s.Mtu != nil && *s.Mtu <= 0 {
			return fmt.Errorf("%s.mtu: expected a positive number or null, got %d", at, *s.Mtu)
		}
		uplinkPGs := 0
		for j, pg := range s.Portgroups {
			if pg.Name == "" {
				return fmt.Errorf("%s.portgroups[%d].name: expected a non-empty name", at, j)
			}
			if pg.Vlan != nil && (*pg.Vlan < 0 || *pg.Vlan > 4094) {
				return fmt.Errorf("%s.portgroups[%d].vlan: expected 0..4094 or null, got %d", at, j, *pg.Vlan)
			}
			if pg.Vlan != nil && len(pg.VlanTrunk) > 0 {
				return fmt.Errorf("%s.portgroups[%d].vlanTrunk: expected vlan null for a trunk", at, j)
			}
			for k, r := range pg.VlanTrunk {
				if r.Start < 0 || r.End < r.Start || r.End > 4094 {
					return fmt.Errorf("%s.portgroups[%d].vlanTrunk[%d]: expected 0 <= start <= end <= 4094, got %d-%d",
						at, j, k, r.Start, r.End)
				}
			}
			if pg.UplinkPortgroup {
				uplinkPGs++
			}
		}
		if uplinkPGs > 1 {
			return fmt.Errorf("%s.portgroups: expected at most one uplinkPortgroup, got %d", at, uplinkPGs)
		}
		// vmkernel adapters name their switch by uuid (distributedVirtualPort.switchUuid)
		if other, dup := uuids[s.UUID]; dup && s.UUID != "" {
			return fmt.Errorf("%s.uuid: %q is also the uuid of switch %q; expected unique uuids", at, s.UUID, other)
		}
		uuids[s.UUID] = s.Name
		switches[s.Name] = s
	}
	for i, h := range inv.Hosts {
		for j, v := range h.Vmkernels {
			at := fmt.Sprintf("hosts[%d].vmkernels[%d]", i, j)
			if vss := h.standardSwitch(v.Switch); vss != nil {
				if !contains(vss.Portgroups, v.Portgroup) {
					return fmt.Errorf("%s.portgroup: %q is not a portgroup of standard switch %q", at, v.Portgroup, v.Switch)
				}
				continue
			}
			s, ok := switches[v.Switch]
			if !ok {
				return fmt.Errorf("%s.switch: %q is neither a standard switch of the host nor a distributed switch", at, v.Switch)
			}
			if s.member(h.Name) == nil {
				return fmt.Errorf("%s.switch: host %q is not a member of %q", at, h.Name, v.Switch)
			}
			if s.portgroup(v.Portgroup) == nil {
				return fmt.Errorf("%s.portgroup: %q is not a portgroup of %q", at, v.Portgroup, v.Switch)
			}
		}
	}
	for i, h := range inv.Hosts {
		if err := h.validateAdapters(fmt.Sprintf("hosts[%d]", i), switches); err != nil {
			return err
		}
	}
	if inv.VCenter != nil && inv.VCenter.Host != "" {
		if _, ok := hosts[inv.VCenter.Host]; !ok {
			return fmt.Errorf("vcenter.host: %q is not in hosts", inv.VCenter.Host)
		}
		if inv.VCenter.VMName == "" {
			return fmt.Errorf("vcenter.vmName: expected the appliance VM's name")
		}
		if h := hosts[inv.VCenter.Host]; len(h.VMs) > 0 && !contains(h.VMs, inv.VCenter.VMName) {
			return fmt.Errorf("vcenter.vmName: %q is not in the vms of host %q", inv.VCenter.VMName, h.Name)
		}
	}
	return nil
}

// checkMtu: an MTU ESXi accepts, when the fixture gives one.
func checkMtu(at string, mtu *int32) error {
	if mtu != nil && (*mtu < 1280 || *mtu > 9000) {
		return fmt.Errorf("%s: expected 1280..9000 or absent, got %d", at, *mtu)
	}
	return nil
}

// validateAdapters: each VM adapter belongs to a VM the fixture names on the host, once, and is
// on a portgroup of a standard switch of the host or of a distributed switch the host is a
// member of (not its uplink portgroup).
func (h host) validateAdapters(at string, switches map[string]dvSwitch) error {
	if len(h.VMAdapters) > 0 && len(h.VMs) == 0 {
		return fmt.Errorf("%s.vmAdapters: the host's vms must name the VMs whose adapters are listed", at)
	}
	seen := map[[2]string]bool{}
	for j, a := range h.VMAdapters {
		aat := fmt.Sprintf("%s.vmAdapters[%d]", at, j)
		if !contains(h.VMs, a.VM) {
			return fmt.Errorf("%s.vm: %q is not in the host's vms", aat, a.VM)
		}
		if a.Adapter == "" || seen[[2]string{a.VM, a.Adapter}] {
			return fmt.Errorf("%s.adapter: expected a non-empty label, once per VM; got %q", aat, a.Adapter)
		}
		seen[[2]string{a.VM, a.Adapter}] = true
		vssName, dvsName := splitSwitch(a.Switch)
		if vss := h.standardSwitch(vssName); vss != nil && (dvsName == "" || switches[dvsName].Name == "") {
			if !contains(vss.Portgroups, a.Portgroup) {
				return fmt.Errorf("%s.portgroup: %q is not a portgroup of standard switch %q", aat, a.Portgroup, vssName)
			}
			continue
		}
		s, ok := switches[dvsName]
		if !ok {
			return fmt.Errorf("%s.switch: %q is neither a standard switch of the host nor a distributed switch", aat, a.Switch)
		}
		if s.member(h.Name) == nil {
			return fmt.Errorf("%s.switch: host %q is not a member of %q", aat, h.Name, dvsName)
		}
		if pg := s.portgroup(a.Portgroup); pg == nil || pg.UplinkPortgroup {
			return fmt.Errorf("%s.portgroup: %q is not a VM portgroup of %q", aat, a.Portgroup, dvsName)
		}
	}
	return nil
}

// splitSwitch reads a switch as adapters name it: "standard:vSwitch0" is only the standard
// switch; a plain name may be either (the standard one wins when the host has it).
func splitSwitch(name string) (vss, dvs string) {
	if strings.HasPrefix(name, "standard:") {
		return strings.TrimPrefix(name, "standard:"), ""
	}
	return name, name
}

func (h host) standardSwitch(name string) *standardSwitch {
	for i := range h.StandardSwitches {
		if h.StandardSwitches[i].Name == name {
			return &h.StandardSwitches[i]
		}
	}
	return nil
}

func (s dvSwitch) member(hostName string) *member {
	for i := range s.Members {
		if s.Members[i].Host == hostName {
			return &s.Members[i]
		}
	}
	return nil
}

func (s dvSwitch) portgroup(name string) *portgroup {
	for i := range s.Portgroups {
		if s.Portgroups[i].Name == name {
			return &s.Portgroups[i]
		}
	}
	return nil
}

func (inv *inventory) cluster(name string) *cluster {
	for i := range inv.Clusters {
		if inv.Clusters[i].Name == name {
			return &inv.Clusters[i]
		}
	}
	return nil
}

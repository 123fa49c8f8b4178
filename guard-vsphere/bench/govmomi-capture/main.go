// Command govmomi-capture is the yardstick of guard-vsphere's capture benchmark: it reads the
// same properties as vsguard's inventory capture (collect/InventoryQuery.java) the way a
// govmomi program does — one container view of the root folder, one paged
// RetrievePropertiesEx followed by ContinueRetrievePropertiesEx, every object decoded into
// govmomi's typed managed objects (mo.ObjectContentToType) — and reports how long each
// capture took inside the process.
//
// Usage: govmomi-capture --url https://127.0.0.1:PORT/sdk --thumbprint SHA256
//
//	[--page-size 1000] [--warmup 0] [--runs 1] [--hosts N]
//
// The user name and password come from VSGUARD_VCENTER_USER / VSGUARD_VCENTER_PASSWORD, as for
// vsguard, never from an argument. The certificate is accepted only when its SHA-256
// thumbprint is the one given (as vsguard's --thumbprint). Each run is a whole capture on a
// fresh client (new connection, TLS handshake, Login ... Logout), as each vsguard capture is.
// Prints one JSON line: {"runsMs":[...],"objects":N,"hosts":H,"roundTrips":R}; with --hosts N
// a capture that did not return exactly N hosts fails (exit 1).
//
// Built in GOPATH mode from Debian's govmomi source, like the simulator harness:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o OUT ./guard-vsphere/bench/govmomi-capture
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// The view's types and the property specs of collect/InventoryQuery.java, path for path.
var viewTypes = []string{"Folder", "Datacenter", "ComputeResource", "HostSystem",
	"DistributedVirtualSwitch", "DistributedVirtualPortgroup", "VirtualMachine"}

var propertySpecs = []types.PropertySpec{
	{Type: "Folder", PathSet: []string{"parent"}},
	{Type: "Datacenter", PathSet: []string{"name", "parent"}},
	{Type: "ComputeResource", PathSet: []string{"name", "parent", "host"}},
	{Type: "ClusterComputeResource", PathSet: []string{"configurationEx"}},
	{Type: "HostSystem", PathSet: []string{"name", "parent", "runtime.connectionState", "runtime.inMaintenanceMode",
		"summary.config.product", "config.network", "config.virtualNicManagerInfo.netConfig", "vm"}},
	{Type: "DistributedVirtualSwitch", PathSet: []string{"name", "uuid", "parent", "config"}},
	{Type: "DistributedVirtualPortgroup", PathSet: []string{"config"}},
	{Type: "VirtualMachine", PathSet: []string{"name", "runtime.host", "config.instanceUuid", "guest.ipAddress",
		"guest.hostName", "config.hardware.device"}},
}

type result struct {
	objects    int
	hosts      int
	roundTrips int
}

func main() {
	os.Exit(run())
}

func run() int {
	flags := flag.NewFlagSet("govmomi-capture", flag.ContinueOnError)
	sdk := flags.String("url", "", "vim25 endpoint, e.g. https://127.0.0.1:8989/sdk (required)")
	thumbprint := flags.String("thumbprint", "", "SHA-256 thumbprint of the server certificate (required for https)")
	pageSize := flags.Int("page-size", 1000, "RetrievePropertiesEx maxObjects (vsguard's default)")
	warmup := flags.Int("warmup", 0, "captures before the measured ones, not reported")
	runs := flags.Int("runs", 1, "measured captures")
	wantHosts := flags.Int("hosts", -1, "fail unless every capture returns this many hosts")
	if err := flags.Parse(os.Args[1:]); err != nil {
		return 2
	}
	if *sdk == "" || flags.NArg() > 0 || *pageSize < 1 || *runs < 1 || *warmup < 0 {
		fmt.Fprintln(os.Stderr, "usage: govmomi-capture --url URL --thumbprint SHA256 [--page-size N] [--warmup N] [--runs N] [--hosts N]")
		return 2
	}
	u, err := url.Parse(*sdk)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		fmt.Fprintf(os.Stderr, "govmomi-capture: --url: %q is not an http(s) URL\n", *sdk)
		return 2
	}
	var pin []byte
	if u.Scheme == "https" {
		pin, err = hex.DecodeString(strings.NewReplacer(":", "", " ", "").Replace(*thumbprint))
		if err != nil || len(pin) != sha256.Size {
			fmt.Fprintln(os.Stderr, "govmomi-capture: --thumbprint: expected a SHA-256 thumbprint (64 hex digits, colons optional)")
			return 2
		}
	}
	user, password := os.Getenv("VSGUARD_VCENTER_USER"), os.Getenv("VSGUARD_VCENTER_PASSWORD")
	if user == "" || password == "" {
		fmt.Fprintln(os.Stderr, "govmomi-capture: set VSGUARD_VCENTER_USER and VSGUARD_VCENTER_PASSWORD")
		return 2
	}

	var times []float64
	var last result
	for i := 0; i < *warmup+*runs; i++ {
		begin := time.Now()
		r, err := capture(context.Background(), u, pin, url.UserPassword(user, password), int32(*pageSize))
		elapsed := time.Since(begin)
		if err != nil {
			fmt.Fprintln(os.Stderr, "govmomi-capture:", err)
			return 1
		}
		if *wantHosts >= 0 && r.hosts != *wantHosts {
			fmt.Fprintf(os.Stderr, "govmomi-capture: captured %d hosts, expected %d\n", r.hosts, *wantHosts)
			return 1
		}
		if i >= *warmup {
			times = append(times, float64(elapsed.Microseconds())/1000)
		}
		last = r
	}
	line, _ := json.Marshal(struct {
		RunsMs     []float64 `json:"runsMs"`
		Objects    int       `json:"objects"`
		Hosts      int       `json:"hosts"`
		RoundTrips int       `json:"roundTrips"`
	}{times, last.objects, last.hosts, last.roundTrips})
	fmt.Println(string(line))
	return 0
}

// countingRoundTripper counts SOAP calls, as vsguard's CountingRoundTrip does.
type countingRoundTripper struct {
	inner soap.RoundTripper
	calls int
}

func (c *countingRoundTripper) RoundTrip(ctx context.Context, req, res soap.HasFault) error {
	c.calls++
	return c.inner.RoundTrip(ctx, req, res)
}

func capture(ctx context.Context, u *url.URL, pin []byte, login *url.Userinfo, pageSize int32) (result, error) {
	sc := soap.NewClient(u, true)
	defer sc.CloseIdleConnections()
	if pin != nil {
		// InsecureSkipVerify only skips the chain and name checks; the pin is checked here.
		sc.DefaultTransport().TLSClientConfig.VerifyPeerCertificate = func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 {
				return errors.New("the server presented no certificate")
			}
			sum := sha256.Sum256(raw[0])
			if !bytes.Equal(sum[:], pin) {
				return errors.New("the certificate does not match the pinned thumbprint")
			}
			return nil
		}
	} else {
		sc.DefaultTransport().TLSClientConfig = &tls.Config{}
	}
	rt := &countingRoundTripper{inner: sc}
	c, err := vim25.NewClient(ctx, rt) // RetrieveServiceContent
	if err != nil {
		return result{}, err
	}
	if _, err := methods.Login(ctx, rt, &types.Login{This: *c.ServiceContent.SessionManager,
		UserName: login.Username(), Password: passwordOf(login)}); err != nil {
		return result{}, err
	}
	r, err := collect(ctx, rt, c, pageSize)
	// Logout always, as vsguard does; the capture's own error wins.
	if _, lerr := methods.Logout(ctx, rt, &types.Logout{This: *c.ServiceContent.SessionManager}); err == nil && lerr != nil {
		err = lerr
	}
	r.roundTrips = rt.calls
	return r, err
}

func passwordOf(u *url.Userinfo) string {
	p, _ := u.Password()
	return p
}

func collect(ctx context.Context, rt soap.RoundTripper, c *vim25.Client, pageSize int32) (result, error) {
	view, err := methods.CreateContainerView(ctx, rt, &types.CreateContainerView{
		This: *c.ServiceContent.ViewManager, Container: c.ServiceContent.RootFolder, Type: viewTypes, Recursive: true})
	if err != nil {
		return result{}, err
	}
	r, err := retrieveAll(ctx, rt, c.ServiceContent.PropertyCollector, view.Returnval, pageSize)
	if _, derr := methods.DestroyView(ctx, rt, &types.DestroyView{This: view.Returnval}); err == nil && derr != nil {
		err = derr
	}
	return r, err
}

func retrieveAll(ctx context.Context, rt soap.RoundTripper, pc, view types.ManagedObjectReference, max int32) (result, error) {
	spec := types.PropertyFilterSpec{
		PropSet: propertySpecs,
		ObjectSet: []types.ObjectSpec{{
			Obj:  view,
			Skip: types.NewBool(true),
			SelectSet: []types.BaseSelectionSpec{&types.TraversalSpec{
				SelectionSpec: types.SelectionSpec{Name: "traverseView"},
				Type:          "ContainerView",
				Path:          "view",
				Skip:          types.NewBool(false),
			}},
		}},
	}
	res, err := methods.RetrievePropertiesEx(ctx, rt, &types.RetrievePropertiesEx{
		This: pc, SpecSet: []types.PropertyFilterSpec{spec}, Options: types.RetrieveOptions{MaxObjects: max}})
	if err != nil {
		return result{}, err
	}
	var r result
	page := res.Returnval
	seen := map[string]bool{}
	for page != nil {
		for _, o := range page.Objects {
			// typed managed objects, as view.Retrieve hands them to a govmomi program
			v, err := mo.ObjectContentToType(o)
			if err != nil {
				return r, fmt.Errorf("%s: %w", o.Obj, err)
			}
			if _, ok := v.(mo.HostSystem); ok {
				r.hosts++
			}
			r.objects++
		}
		if page.Token == "" {
			break
		}
		if seen[page.Token] {
			return r, fmt.Errorf("the server repeated paging token %s", page.Token)
		}
		seen[page.Token] = true
		next, err := methods.ContinueRetrievePropertiesEx(ctx, rt, &types.ContinueRetrievePropertiesEx{This: pc, Token: page.Token})
		if err != nil {
			return r, err
		}
		page = &next.Returnval
	}
	return r, nil
}
